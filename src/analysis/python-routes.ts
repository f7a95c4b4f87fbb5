/**
 * Python web frameworks: which decorators register routes (Flask, FastAPI), which calls do
 * (Django's `path()`), which class bodies are views (Django REST framework), and what counts as
 * authentication there (`@login_required`, `Depends(get_current_user)`, `permission_classes`).
 * The engine turns what these find into routes and calls the handlers with request input.
 */
import { calleeTextOf } from './callee-text.js';
import type { ClassIR, Expr, FunctionIR } from './ir.js';
import type { RouteInfo } from './types.js';
import type { Value } from './value.js';

export type PyFramework = Extract<RouteInfo['framework'], 'flask' | 'fastapi' | 'django'>;

export interface PyRouteSpec {
  framework: PyFramework;
  method: string;
  path: string;
  /** Decorators, dependencies and permission classes that may authenticate the request. */
  middlewares: Expr[];
  /** The app or router expression the route is registered on. */
  recv: Expr | null;
  /** Where the route is declared: the decorator. */
  loc: Expr['loc'];
}

const ROUTE_DECORATORS = new Set([
  'route',
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'api_route',
  'head',
  'options',
]);
const APP_REF = /^(flask:(Flask|Blueprint)\(\)|fastapi:(FastAPI|APIRouter)\(\)|obj#)/;
const APP_TEXT =
  /^(app|application|api|bp|blueprint|router|\w*_bp|\w*_blueprint|\w*_router|\w*[Rr]outer|\w*_app)$/;

/** Words in a Python handler or hook that show it checks who is asking. */
export const PY_AUTH_IN_BODY =
  /\bcurrent_user\b|\brequest\.user\b|is_authenticated|login_required|\bverify_(token|jwt|session)\b|\bdecode_token\b|\bget_current_user\b|\bauthenticate\(|\bHTTPBearer\b|\bsession\[\s*['"]user|abort\(\s*40[13]\b|status\.HTTP_40[13]|raise\s+(PermissionDenied|NotAuthenticated|AuthenticationFailed)\b|\bhas_perm\(|\bjwt\.decode\(/;

/** DRF and Django base classes whose subclasses serve requests. */
const VIEW_BASE =
  /(^|\.)(APIView|GenericAPIView|ViewSet|GenericViewSet|ModelViewSet|ReadOnlyModelViewSet|\w+APIView|View|DetailView|ListView|TemplateView)$/;
const VIEW_METHODS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'list',
  'retrieve',
  'create',
  'update',
  'partial_update',
  'destroy',
]);

interface Kw {
  get(key: string): Expr | undefined;
}

/** The trailing keyword-argument object of a lowered Python call. */
function kwargs(args: Expr[]): Kw {
  const last = args[args.length - 1];
  return {
    get: (key) => (last?.k === 'object' ? last.props.find((p) => p.key === key)?.value : undefined),
  };
}

function positional(args: Expr[]): Expr[] {
  const last = args[args.length - 1];
  return last?.k === 'object' ? args.slice(0, -1) : args;
}

function stringOf(e: Expr | undefined): string | null {
  return e?.k === 'lit' && typeof e.value === 'string' ? e.value : null;
}

/** `Depends(get_current_user)` and `Security(...)`: the dependency, which names the check. */
export function dependencyOf(e: Expr | undefined): Expr | null {
  if (e?.k !== 'call') return null;
  const name = calleeTextOf(e.callee);
  if (name === null || !/(^|\.)(Depends|Security)$/.test(name)) return null;
  return e.args[0] ?? e;
}

/** The route a decorated function registers, with the receiver's value already evaluated. */
export function decoratorRoute(fn: FunctionIR, recvOf: (e: Expr) => Value): PyRouteSpec | null {
  const decorators = fn.decorators ?? [];
  for (const d of decorators) {
    if (d.k !== 'call' || d.callee.k !== 'member' || !d.callee.prop || !ROUTE_DECORATORS.has(d.callee.prop))
      continue;
    const recv = d.callee.object;
    const recvV = recvOf(recv);
    const text = calleeTextOf(recv);
    const refs = recvV.refs ?? [];
    if (!refs.some((r) => APP_REF.test(r)) && !(text !== null && APP_TEXT.test(text))) continue;
    const pos = positional(d.args);
    const kw = kwargs(d.args);
    const path = stringOf(pos[0]) ?? stringOf(kw.get('path')) ?? stringOf(kw.get('rule')) ?? '';
    const methods = kw.get('methods');
    const listed = methods?.k === 'array' ? stringOf(methods.elements[0]) : null;
    const method =
      d.callee.prop === 'route' || d.callee.prop === 'api_route' ? (listed ?? 'GET') : d.callee.prop;
    const hasDepends = fn.params.some(
      (p) => p.pattern.k === 'pdefault' && dependencyOf(p.pattern.init) !== null,
    );
    const framework: PyFramework = refs.some((r) => r.startsWith('fastapi:'))
      ? 'fastapi'
      : refs.some((r) => r.startsWith('flask:'))
        ? 'flask'
        : path.includes('{') || hasDepends
          ? 'fastapi'
          : 'flask';
    const middlewares: Expr[] = decorators.filter((x) => x !== d);
    const deps = kw.get('dependencies');
    if (deps?.k === 'array') middlewares.push(...deps.elements.map((x) => dependencyOf(x) ?? x));
    for (const p of fn.params) {
      const dep = p.pattern.k === 'pdefault' ? dependencyOf(p.pattern.init) : null;
      if (dep) middlewares.push(dep);
    }
    return { framework, method: method.toUpperCase(), path, middlewares, recv, loc: d.loc };
  }
  return null;
}

/** Django `path('patients/<int:pk>/', views.detail)`: the route string and the view expression. */
export function djangoPath(refs: readonly string[], argExprs: Expr[]): { path: string; view: number } | null {
  if (!refs.some((r) => /^django\.(urls|conf\.urls):(path|re_path|url)$/.test(r))) return null;
  const pos = positional(argExprs);
  return pos.length >= 2 ? { path: stringOf(pos[0]) ?? '', view: 1 } : null;
}

/** A DRF/Django class-based view: its serving methods and the permission classes that guard them. */
export function classView(
  cls: ClassIR,
): { methods: { name: string; fn: FunctionIR }[]; guards: Expr[] } | null {
  const bases = [cls.superClass, ...(cls.bases ?? [])].filter((b): b is Expr => b !== undefined);
  if (!bases.some((b) => VIEW_BASE.test(calleeTextOf(b) ?? ''))) return null;
  const guards: Expr[] = [...(cls.decorators ?? [])];
  for (const f of cls.fields) if (f.name === 'permission_classes' && f.value) guards.push(f.value);
  const methods = cls.methods.flatMap((m) =>
    m.name && VIEW_METHODS.has(m.name) ? [{ name: m.name, fn: m.fn }] : [],
  );
  return { methods, guards };
}

/** Auth dependencies given to an app, a router or an `include_router` mount. */
export function appDependencies(argExprs: Expr[]): Expr[] {
  const deps = kwargs(argExprs).get('dependencies');
  return deps?.k === 'array' ? deps.elements.map((x) => dependencyOf(x) ?? x) : [];
}

/** Path parameters of a route string: Flask `<int:pid>`, FastAPI `{pid}`, Django `<int:pk>`. */
export function pathParams(path: string): Set<string> {
  const out = new Set<string>();
  for (const m of path.matchAll(/<(?:\w+:)?(\w+)>|\{(\w+)(?::[^}]*)?\}/g)) out.add((m[1] ?? m[2])!);
  return out;
}

/** Parameter types that are framework objects, not request data. */
export const FRAMEWORK_PARAM_TYPE =
  /^(Response|BackgroundTasks|Session|AsyncSession|WebSocket|HTTPConnection|SecurityScopes|HTTPAuthorizationCredentials)$/;
export const REQUEST_PARAM_TYPE =
  /^(Request|HttpRequest|WSGIRequest|ASGIRequest|starlette\.requests\.Request)$/;
