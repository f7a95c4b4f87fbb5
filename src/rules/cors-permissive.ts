import type { Expr } from '../analysis/ir.js';
import { calleeTextOf } from '../analysis/callee-text.js';
import { findTaint } from '../analysis/value.js';
import { defineRule } from './support/rule.js';
import { nodesOf, propOf, stringOf } from './support/walk.js';
import { isTrue, kwarg, positional, settingAssignments } from './support/python.js';
import type { RuleContext } from './support/rule.js';

export default defineRule({
  meta: {
    id: 'cors-permissive',
    title: 'CORS allows any origin',
    family: 'access-control',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-942'],
    hipaa: ['164.312(a)(1)'],
    fix: "List the exact origins of your own front ends (`origin: ['https://portal.hospital.org']`); never combine a wildcard or reflected origin with credentials.",
    messages: {
      wildcardCreds:
        "CORS reflects or allows any origin together with credentials: any website can read authenticated API responses (PHI) in a logged-in user's browser.",
      wildcard: "CORS allows any origin (`{what}`): any website can call this API from a user's browser.",
    },
    docs: {
      summary:
        "Cross-origin resource sharing decides which websites may read your API's responses from a user's browser. A wildcard or reflected origin with credentials lets a malicious page read patient data with the clinician's session.",
      exampleFile: 'example.ts',
      bad: `import express from 'express';
import cors from 'cors';

const app = express();
app.use(cors({ origin: true, credentials: true }));
`,
      good: `import express from 'express';
import cors from 'cors';

const app = express();
app.use(cors({ origin: ['https://portal.hospital.org'], credentials: true }));
`,
    },
  },
  check(ctx) {
    const n = nodesOf(ctx.ir);
    if (ctx.ir.lang === 'python') {
      checkPython(ctx, n);
      return;
    }
    for (const c of n.calls) {
      const info = ctx.facts.calls.get(c);
      const refs = info?.refs ?? [];
      const text = info?.text ?? '';
      const isCors =
        refs.some((r) => /^(cors|@fastify\/cors|@koa\/cors|hono\/cors):/.test(r)) ||
        /^(cors|hono\.cors)$/.test(text);
      if (isCors) {
        const opts = c.args[0];
        if (!opts) {
          ctx.report({ messageId: 'wildcard', loc: c.loc, data: { what: 'cors() with no options' } });
          continue;
        }
        if (opts.k !== 'object') continue;
        const origin = propOf(opts, 'origin');
        const creds = propOf(opts, 'credentials');
        const withCreds = creds?.k === 'lit' && creds.value === true;
        const any =
          (origin?.k === 'lit' && (origin.value === '*' || origin.value === true)) ||
          (origin?.k === 'func' && reflects(origin)) ||
          origin === undefined;
        if (any)
          ctx.report({
            messageId: withCreds ? 'wildcardCreds' : 'wildcard',
            loc: (origin ?? opts).loc,
            ...(withCreds ? { severity: 'high' as const } : {}),
            data: { what: origin === undefined ? 'no origin option' : 'origin: *' },
          });
        continue;
      }
      // res.setHeader('Access-Control-Allow-Origin', '*' | req.headers.origin)
      if (
        /(^|\.)(setHeader|header|set|append)$/.test(text) &&
        /^access-control-allow-origin$/i.test(stringOf(c.args[0]) ?? '')
      ) {
        const val = c.args[1];
        const reflected =
          (info?.args[1] ? findTaint(info.args[1], ['input']) !== null : false) || isRequestOrigin(val);
        if (stringOf(val) === '*' || reflected) {
          const credsSet = n.calls.some(
            (x) =>
              /^access-control-allow-credentials$/i.test(stringOf(x.args[0]) ?? '') &&
              stringOf(x.args[1]) === 'true',
          );
          ctx.report({
            messageId: reflected || credsSet ? 'wildcardCreds' : 'wildcard',
            loc: c.loc,
            data: { what: reflected ? 'reflected Origin header' : 'Access-Control-Allow-Origin: *' },
            ...(reflected || credsSet ? { severity: 'high' as const } : {}),
          });
        }
      }
    }
  },
});

/** flask_cors `CORS(app)`, Starlette's CORSMiddleware, django-cors-headers settings. */
function checkPython(ctx: RuleContext<'wildcard' | 'wildcardCreds'>, n: ReturnType<typeof nodesOf>): void {
  const anyOrigin = (e: Expr | undefined): boolean =>
    stringOf(e) === '*' || (e?.k === 'array' && e.elements.some((x) => stringOf(x) === '*'));
  const report = (loc: Expr['loc'], what: string, creds: boolean): void =>
    ctx.report({
      messageId: creds ? 'wildcardCreds' : 'wildcard',
      loc,
      data: { what },
      ...(creds ? { severity: 'high' as const } : {}),
    });
  for (const c of n.calls) {
    const refs = ctx.facts.calls.get(c)?.refs ?? [];
    if (refs.some((r) => /^flask_cors:(CORS|cross_origin)$/.test(r))) {
      // flask_cors allows every origin unless told otherwise.
      const origins = kwarg(c, 'origins') ?? kwarg(c, 'resources');
      const creds = isTrue(kwarg(c, 'supports_credentials'));
      if (origins === undefined) report(c.loc, 'CORS() with no origins', creds);
      else if (
        anyOrigin(origins) ||
        (origins.k === 'object' &&
          origins.props.some((p) => p.value.k === 'object' && anyOrigin(propOf(p.value, 'origins'))))
      )
        report(origins.loc, 'origins="*"', creds);
      continue;
    }
    const text = ctx.facts.calls.get(c)?.text ?? '';
    const mw = positional(c)[0];
    if (/(^|\.)add_middleware$/.test(text) && mw && /(^|\.)CORSMiddleware$/.test(calleeTextOf(mw) ?? '')) {
      const origins = kwarg(c, 'allow_origins');
      const regex = stringOf(kwarg(c, 'allow_origin_regex'));
      if (anyOrigin(origins) || regex === '.*')
        report(
          (origins ?? c).loc,
          anyOrigin(origins) ? 'allow_origins=["*"]' : 'allow_origin_regex=".*"',
          isTrue(kwarg(c, 'allow_credentials')),
        );
    }
  }
  const settings = settingAssignments(n.decls, []);
  const creds = settings.some((s) => s.name === 'CORS_ALLOW_CREDENTIALS' && isTrue(s.value));
  for (const s of settings)
    if ((s.name === 'CORS_ALLOW_ALL_ORIGINS' || s.name === 'CORS_ORIGIN_ALLOW_ALL') && isTrue(s.value))
      report(s.loc, `${s.name} = True`, creds);
}

/** origin: (origin, cb) => cb(null, true) reflects every origin. */
function reflects(e: Extract<Expr, { k: 'func' }>): boolean {
  const body = e.fn.body;
  if (body.length !== 1) return false;
  const s = body[0]!;
  const call = s.k === 'expr' ? s.expr : s.k === 'return' ? s.arg : undefined;
  return (
    call?.k === 'call' &&
    calleeTextOf(call.callee) !== null &&
    call.args.length === 2 &&
    call.args[1]?.k === 'lit' &&
    call.args[1].value === true
  );
}

/**
 * `req.headers.origin`, `req.get('origin')`, `req.header('Origin')`: the request's Origin header,
 * recognised by shape so middleware registered with `app.use(fn)` (whose `req` carries no input
 * label) is covered too.
 */
function isRequestOrigin(e: Expr | undefined): boolean {
  if (!e) return false;
  const REQ = '(req|request|ctx\\.request|ctx\\.req|c\\.req)';
  if (e.k === 'member') return new RegExp(`^${REQ}\\.headers\\.origin$`, 'i').test(calleeTextOf(e) ?? '');
  if (e.k === 'call') {
    const t = calleeTextOf(e.callee) ?? '';
    return new RegExp(`^${REQ}\\.(get|header)$`).test(t) && /^origin$/i.test(stringOf(e.args[0]) ?? '');
  }
  return false;
}
