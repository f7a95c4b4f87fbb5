/**
 * Web framework knowledge: which calls register routes (Express, Fastify, Hono), which files are
 * Next.js route handlers, what request input looks like, and which middleware authenticates.
 * The engine calls route handlers with request values built here, so `req.body` is input.
 */
import type { Expr, ModuleIR, TypeRef } from './ir.js';
import type { RouteInfo } from './types.js';
import type { Callable, Label, Value } from './value.js';
import { calleeTextOf } from './callee-text.js';
import { PHI_RESOURCE_TYPES } from './fhir.js';

/** Resource names too generic to mark a path as patient data on their own (/tasks, /lists). */
const GENERIC_TYPES = new Set([
  'Task',
  'List',
  'Account',
  'Contract',
  'Invoice',
  'Media',
  'Flag',
  'Bundle',
  'Person',
  'Goal',
  'Communication',
  'Consent',
]);

const ROUTE_METHODS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'all',
  'options',
  'head',
  'use',
  'route',
]);
const APP_REF =
  /^(express:|express:default|express:Router|express:default\.Router|fastify:|fastify:fastify|fastify:default|hono:Hono|koa-router:|@koa\/router:|express:Router\(\)|hono:)/;
const APP_FACTORY =
  /^(express:|express:default|express:Router|express:default\.Router|fastify:|fastify:fastify|fastify:default|hono:Hono|@koa\/router:|koa-router:|fastapi:FastAPI|fastapi:APIRouter|flask:Flask|flask:Blueprint)$/;
const APP_TEXT = /^(app|router|api|apiRouter|server|routes?|\w*[Rr]outer|fastify|instance|hono)$/;
const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** Parts of a Python request object that carry client data, and parts that are metadata. */
const PY_REQUEST_DATA = [
  'json',
  'get_json()',
  'args',
  'form',
  'values',
  'data',
  'files',
  'view_args',
  'json()',
  'body()',
  'form()',
  'query_params',
  'path_params',
  'POST',
  'GET',
  'body',
  'FILES',
  'query',
];
const PY_REQUEST_META = [
  'headers',
  'cookies',
  'COOKIES',
  'META',
  'url',
  'path',
  'full_path',
  'remote_addr',
  'client',
];

/** Paths that serve patient data. */
export const PATIENT_PATH = new RegExp(
  [
    'patient|fhir|record|chart|diagnos|\\blabs?\\b|lab-?result|clinical|ehr|emr|prescription|allerg|vital|member|visit|note|care-?plan',
    // FHIR resource types that hold PHI, as they appear in paths: /document-references, /careplans.
    ...[...PHI_RESOURCE_TYPES]
      .filter((t) => !GENERIC_TYPES.has(t))
      .map((t) => t.replace(/([a-z])([A-Z])/g, '$1-?$2').toLowerCase()),
  ].join('|'),
  'i',
);

/** Middleware and calls that authenticate a request. */
export const AUTH_NAME =
  /\brequire[A-Z]\w*|\bensure[A-Z]\w*|\bcheck(User|Role|Scope|Access)|isAdmin|adminOnly|restrictTo|auth|authenticate|authori[sz]e|requireUser|requireLogin|verifyToken|verifyJwt|checkJwt|jwt|protect|ensureLoggedIn|isLoggedIn|loggedIn|session|passport|clerk|withAuth|guard|bearer|apiKey|requireRole|checkRole|permission|current_?user|getServerSession|getToken|signedIn|login_?required|require_?login|is_?authenticated|verify_?token/i;

export interface Handler {
  fn: Callable;
  /** The handler's arguments, given whether the handler itself reads PHI. */
  args: (touchesPhi: boolean) => Value[];
}

export interface Registration {
  /** Null for middleware (`app.use(fn)`), which runs with request input but is not a route. */
  info: RouteInfo | null;
  handlers: Handler[];
}

export interface EntryPoint {
  value: Value;
  info: RouteInfo;
  args: (touchesPhi: boolean) => Value[];
}

export class RouteTracker {
  private readonly routes: RouteInfo[] = [];
  private readonly authUses = new Set<string>();
  readonly authMounted = new Set<string>();

  routesFor(rel: string): RouteInfo[] {
    return this.routes.filter((r) => r.file === rel);
  }

  /** Give app and router objects an identity, so later `use()` and mounts can be matched to them. */
  tagObject(
    v: Value,
    calleeRefs: readonly string[],
    file: string,
    loc: { line: number; column: number },
  ): Value {
    if (!calleeRefs.some((r) => APP_FACTORY.test(r))) return v;
    return { ...v, refs: [...(v.refs ?? []), `obj#${file}:${loc.line}:${loc.column}`] };
  }

  /** Parameters named or typed like request/response objects get refs, so sinks on them resolve. */
  paramHint(v: Value, name: string, type: TypeRef | undefined): Value {
    const t = type?.names.join(' ') ?? '';
    let ref: string | null = null;
    if (
      /^(req|request)$/.test(name) ||
      /\b(Request|NextRequest|FastifyRequest|NextApiRequest|IncomingMessage|HonoRequest)\b/.test(t)
    )
      ref = 'http.req';
    else if (
      /^(res|response|reply|resp)$/.test(name) ||
      /\b(Response|NextApiResponse|FastifyReply|ServerResponse)\b/.test(t)
    )
      ref = 'http.res';
    else if (/^(c|ctx)$/.test(name) && /\bContext\b/.test(t)) ref = 'http.ctx';
    return ref ? { ...v, refs: [...(v.refs ?? []), ref] } : v;
  }

  /** Python request objects: Flask's `request`, Starlette's `Request`, Django's `HttpRequest`. */
  pythonRequestValue(path: string, patient: boolean, file: string, loc: RouteInfo['loc']): Value {
    const fields = new Map<string, Value>();
    for (const part of PY_REQUEST_DATA)
      fields.set(part, this.requestPart(part, true, path, patient, file, loc));
    for (const part of PY_REQUEST_META)
      fields.set(part, this.requestPart(part, false, path, patient, file, loc));
    return { labels: [], fields, refs: ['http.req'] };
  }

  /** Input that reaches a handler as a parameter (FastAPI query/path/body, Flask path variables). */
  inputValue(what: string, phi: boolean, file: string, loc: RouteInfo['loc'], why?: string): Value {
    const labels: Label[] = [
      {
        kind: 'input',
        src: { kind: 'request', why: `request ${what}`, file, loc, confidence: 'high' },
        steps: [{ file, loc, note: `request ${what} enters here` }],
      },
    ];
    if (phi)
      labels.push({
        kind: 'phi',
        src: {
          kind: 'request',
          why: why ?? `request ${what}, a route that handles patient data`,
          file,
          loc,
          confidence: 'medium',
        },
        steps: [{ file, loc, note: `patient data arrives in the request ${what}` }],
      });
    return { labels };
  }

  /** A Python route found by the engine (decorator, Django `path()` or class-based view). */
  addRoute(
    framework: RouteInfo['framework'],
    method: string,
    path: string,
    middlewares: Expr[],
    ids: string[],
    file: string,
    loc: RouteInfo['loc'],
  ): RouteInfo {
    const info = this.info(framework, method, path, file, loc);
    info.middlewares = middlewares;
    info.receiverIds = ids;
    info.authBefore = ids.some((id) => this.authUses.has(id));
    return info;
  }

  /** An app or router whose every request is authenticated (FastAPI app-level dependencies, Flask `before_request`). */
  markAuthenticated(ids: readonly string[]): void {
    for (const id of ids) this.authUses.add(id);
  }

  /** Routers mounted behind authentication (`app.include_router(r, dependencies=[Depends(auth)])`). */
  markMounted(ids: readonly string[]): void {
    for (const id of ids) this.authMounted.add(id);
  }

  private requestPart(
    part: string,
    phi: boolean,
    path: string,
    patient: boolean,
    file: string,
    loc: RouteInfo['loc'],
  ): Value {
    const where = `${part.replace('()', '')} of a request to ${path || 'this handler'}`;
    const labels: Label[] = [
      {
        kind: 'input',
        src: { kind: 'request', why: `request ${where}`, file, loc, confidence: 'high' },
        steps: [{ file, loc, note: `request ${part.replace('()', '')} enters here` }],
      },
    ];
    if (phi && patient)
      labels.push({
        kind: 'phi',
        src: {
          kind: 'request',
          why: `request ${where}, a route that handles patient data`,
          file,
          loc,
          confidence: 'medium',
        },
        steps: [{ file, loc, note: `patient data arrives in the request ${part.replace('()', '')}` }],
      });
    return { labels };
  }

  requestValue(path: string, patient: boolean, file: string, loc: RouteInfo['loc']): Value {
    const make = (part: string, phi: boolean): Value => this.requestPart(part, phi, path, patient, file, loc);
    const fields = new Map<string, Value>();
    for (const part of [
      'body',
      'query',
      'params',
      'files',
      'file',
      'json()',
      'formData()',
      'text()',
      'blob()',
      'parseBody()',
      'valid()',
      'param()',
      'query()',
      'queries()',
    ]) {
      fields.set(part, make(part.replace('()', ''), true));
    }
    for (const part of [
      'headers',
      'cookies',
      'header()',
      'nextUrl',
      'url',
      'ip',
      'hostname',
      'originalUrl',
      'path',
    ])
      fields.set(
        part,
        make(part.replace('()', ''), part === 'nextUrl' || part === 'url' || part === 'originalUrl'),
      );
    return { labels: [], fields, refs: ['http.req'] };
  }

  /** (req, res, next), or (err, req, res, next) for Express error handlers. */
  private expressArgs(fn: Callable, req: Value): Value[] {
    const res = this.responseValue();
    return fn.arity === 4 ? [{ labels: [] }, req, res, { labels: [] }] : [req, res, { labels: [] }];
  }

  private responseValue(): Value {
    return { labels: [], refs: ['http.res'] };
  }

  registration(
    method: string,
    recv: Value,
    args: Value[],
    argExprs: Expr[],
    callee: Extract<Expr, { k: 'member' }>,
    file: string,
    loc: RouteInfo['loc'],
  ): Registration | null {
    if (method === 'addHook') {
      // Fastify: app.addHook('onRequest' | 'preHandler', app.authenticate) guards later routes.
      const hook = argExprs[0]?.k === 'lit' ? argExprs[0].value : null;
      const fn = argExprs[1];
      if (
        (hook === 'onRequest' || hook === 'preHandler' || hook === 'preValidation') &&
        fn &&
        isAuthExpr(fn)
      ) {
        for (const id of receiverIds(recv, file, calleeTextOf(callee.object))) this.authUses.add(id);
      }
      return null;
    }
    if (!ROUTE_METHODS.has(method)) return null;
    const recvText = calleeTextOf(callee.object);
    const chained =
      callee.object.k === 'call' &&
      callee.object.callee.k === 'member' &&
      callee.object.callee.prop === 'route';
    const isApp =
      (recv.refs ?? []).some((r) => APP_REF.test(r) || r.startsWith('obj#')) ||
      (recvText !== null && APP_TEXT.test(recvText)) ||
      chained;
    if (!isApp) return null;
    const ids = receiverIds(
      recv,
      file,
      chained && callee.object.k === 'call' && callee.object.callee.k === 'member'
        ? calleeTextOf(callee.object.callee.object)
        : recvText,
    );
    const framework: RouteInfo['framework'] = (recv.refs ?? []).some((r) => r.startsWith('hono:'))
      ? 'hono'
      : (recv.refs ?? []).some((r) => r.startsWith('fastify:')) || recvText === 'fastify'
        ? 'fastify'
        : 'express';

    // Fastify's route({ method, url, handler, preHandler }).
    if (method === 'route' && args[0]?.fields && !chained) {
      const o = args[0].fields;
      const handler = o.get('handler')?.fns?.[0];
      if (!handler) return null;
      const path = o.get('url')?.str ?? o.get('path')?.str ?? '';
      const mw =
        argExprs[0]?.k === 'object'
          ? argExprs[0].props
              .filter((p) => p.key === 'preHandler' || p.key === 'onRequest' || p.key === 'preValidation')
              .map((p) => p.value)
          : [];
      return this.register(
        'fastify',
        String(o.get('method')?.str ?? 'GET'),
        path,
        mw,
        handler,
        ids,
        file,
        loc,
      );
    }
    if (method === 'route') return null;

    let path = '';
    let first = 0;
    const a0 = argExprs[0];
    if (a0?.k === 'lit' && typeof a0.value === 'string') {
      path = a0.value;
      first = 1;
    } else if (a0?.k === 'template') {
      path = a0.quasis.join('*');
      first = 1;
    } else if (chained && callee.object.k === 'call') {
      const p = callee.object.args[0];
      if (p?.k === 'lit' && typeof p.value === 'string') path = p.value;
    }
    if (method === 'use') {
      this.recordUse(ids, args.slice(first), argExprs.slice(first));
      // Middleware sees every request: run it with request input (it is not a route of its own).
      const handlers: Handler[] = [];
      for (const a of args.slice(first)) {
        for (const fn of a.fns ?? []) {
          if (fn.kind !== 'closure') continue;
          handlers.push({
            fn,
            args: (touches) =>
              this.expressArgs(fn, this.requestValue(path, PATIENT_PATH.test(path) || touches, file, loc)),
          });
        }
      }
      return handlers.length ? { info: null, handlers } : null;
    }
    if (!path && !chained) return null;
    let handlerIdx = -1;
    for (let i = args.length - 1; i >= first; i--) {
      if (args[i]?.fns?.some((f) => f.kind === 'closure')) {
        handlerIdx = i;
        break;
      }
    }
    if (handlerIdx < 0) return null;
    const middlewares = argExprs
      .slice(first, handlerIdx)
      .filter((e) => e.k !== 'object' || framework !== 'fastify');
    // Fastify's options object may carry preHandler/onRequest hooks.
    const opts = argExprs.slice(first, handlerIdx).find((e) => e.k === 'object');
    if (opts?.k === 'object')
      for (const p of opts.props)
        if (p.key === 'preHandler' || p.key === 'onRequest' || p.key === 'preValidation')
          middlewares.push(p.value);
    const handler = args[handlerIdx]!.fns!.find((f) => f.kind === 'closure')!;
    return this.register(framework, method.toUpperCase(), path, middlewares, handler, ids, file, loc);
  }

  private register(
    framework: RouteInfo['framework'],
    method: string,
    path: string,
    middlewares: Expr[],
    handler: Callable,
    ids: string[],
    file: string,
    loc: RouteInfo['loc'],
  ): Registration {
    // Request input is PHI on a patient-data path, or when the handler reads PHI itself.
    const args = (touchesPhi: boolean): Value[] => {
      const req = this.requestValue(path, PATIENT_PATH.test(path) || touchesPhi, file, loc);
      const res = this.responseValue();
      if (framework === 'hono') return [{ labels: [], refs: ['http.ctx'], fields: new Map([['req', req]]) }];
      if (framework === 'fastify') return [req, res];
      return this.expressArgs(handler, req);
    };
    const info = this.info(framework, method, path, file, loc);
    info.middlewares = middlewares;
    info.receiverIds = ids;
    info.authBefore = ids.some((id) => this.authUses.has(id));
    return { info, handlers: [{ fn: handler, args }] };
  }

  /** `app.use(auth)` protects later routes on app; `app.use('/x', auth, router)` protects router. */
  private recordUse(ids: string[], args: Value[], exprs: Expr[]): void {
    const auth = exprs.some((e) => isAuthExpr(e)) || ids.some((id) => this.authUses.has(id));
    const routers = args.flatMap((a) => (a.refs ?? []).filter((r) => r.startsWith('obj#')));
    if (exprs.some((e) => isAuthExpr(e)) && routers.length === 0) for (const id of ids) this.authUses.add(id);
    if (auth) for (const r of routers) this.authMounted.add(r);
  }

  /** Next.js route handlers (app/**\/route.ts), pages API routes, and server action modules. */
  entryPoints(rel: string, exports: ReadonlyMap<string, Value>, ir: ModuleIR): EntryPoint[] {
    const out: EntryPoint[] = [];
    const exportLoc = (name: string): RouteInfo['loc'] => {
      for (const s of ir.body) if (s.k === 'export' && s.exported === name) return s.loc;
      return { line: 1, column: 1, endLine: 1, endColumn: 1 };
    };
    const appRoute = /(?:^|\/)app\/(.*\/)?route\.[cm]?[jt]sx?$/.exec(rel);
    if (appRoute) {
      const path = '/' + (appRoute[1] ?? '').replace(/\/$/, '').replace(/\([^)]*\)\//g, '');
      for (const [name, value] of exports) {
        if (!HTTP_METHODS.has(name)) continue;
        const info = this.info('next', name, path, rel, exportLoc(name));
        out.push({
          value,
          info,
          args: (touches) => {
            const req = this.requestValue(path, PATIENT_PATH.test(path) || touches, rel, info.loc);
            return [req, { labels: [], fields: new Map([['params', req.fields!.get('params')!]]) }];
          },
        });
      }
    }
    const pagesApi = /(?:^|\/)pages\/(api\/.*)\.[cm]?[jt]sx?$/.exec(rel);
    if (pagesApi && exports.has('default')) {
      const path = '/' + pagesApi[1]!.replace(/\/index$/, '');
      const info = this.info('next-pages', 'ANY', path, rel, exportLoc('default'));
      out.push({
        value: exports.get('default')!,
        info,
        args: (touches) => [
          this.requestValue(path, PATIENT_PATH.test(path) || touches, rel, info.loc),
          this.responseValue(),
        ],
      });
    }
    if (ir.directives.includes('use server')) {
      for (const [name, value] of exports) {
        if (!value.fns) continue;
        const info = this.info('server-action', 'POST', name, rel, exportLoc(name));
        out.push({ value, info, args: () => [] });
      }
    }
    return out;
  }

  private info(
    framework: RouteInfo['framework'],
    method: string,
    path: string,
    file: string,
    loc: RouteInfo['loc'],
  ): RouteInfo {
    const info: RouteInfo = {
      file,
      loc,
      framework,
      method,
      path,
      middlewares: [],
      handler: null,
      receiverIds: [],
      authBefore: false,
      touchesPhi: false,
    };
    this.routes.push(info);
    return info;
  }
}

function receiverIds(recv: Value, file: string, text: string | null): string[] {
  const ids = (recv.refs ?? []).filter((r) => r.startsWith('obj#'));
  if (text) ids.push(`text#${file}:${text}`);
  return ids;
}

export function isAuthExpr(e: Expr): boolean {
  const t = exprName(e);
  return t !== null && AUTH_NAME.test(t);
}

function exprName(e: Expr): string | null {
  if (e.k === 'call') return exprName(e.callee);
  if (e.k === 'array') return e.elements.map(exprName).filter(Boolean).join(',') || null;
  return calleeTextOf(e);
}
