import type { Expr } from '../analysis/ir.js';
import { calleeTextOf } from '../analysis/callee-text.js';
import { findTaint } from '../analysis/value.js';
import { defineRule } from './support/rule.js';
import { nodesOf, propOf, stringOf } from './support/walk.js';

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
