import type { Expr } from '../analysis/ir.js';
import { defineRule } from './support/rule.js';
import { nodesOf, propOf, stringOf } from './support/walk.js';
import {
  hasKwargsSpread,
  isFalseLit,
  isTrue,
  kwarg,
  positional,
  settingAssignments,
} from './support/python.js';
import type { RuleContext } from './support/rule.js';

/** Cookie-name words that mean a session, a token or patient context (`accessibility_mode` and `side_panel` are not). */
const SENSITIVE_WORD =
  /^(sess|session|sessions|sessionid|sessid|jsessionid|phpsessid|sid|token|tokens|jwt|auth|login|user|userid|uid|patient|refresh|access|csrf|xsrf|remember|identity)$/;

function why(secure: boolean, httpOnly: boolean): string {
  return [!secure ? 'it travels over plain HTTP' : null, !httpOnly ? 'scripts can read it' : null]
    .filter(Boolean)
    .join(' and ');
}

/** Flask/Django settings that turn the session cookie's flags off. */
const PY_COOKIE_SETTINGS: Readonly<Record<string, 'secure' | 'httponly'>> = {
  SESSION_COOKIE_SECURE: 'secure',
  CSRF_COOKIE_SECURE: 'secure',
  REMEMBER_COOKIE_SECURE: 'secure',
  SESSION_COOKIE_HTTPONLY: 'httponly',
  REMEMBER_COOKIE_HTTPONLY: 'httponly',
};

/** `resp.set_cookie('session', v)` without secure/httponly; `SESSION_COOKIE_SECURE = False`. */
function checkPython(ctx: RuleContext<'missing' | 'session'>, n: ReturnType<typeof nodesOf>): void {
  for (const c of n.calls) {
    const text = ctx.facts.calls.get(c)?.text ?? '';
    if (!/(^|\.)set_cookie$/.test(text)) continue;
    // `**options` may carry secure/httponly; a jar's `set_cookie(cookie_obj)` (requests,
    // http.cookiejar) takes a prepared cookie, not a key and value.
    if (hasKwargsSpread(c)) continue;
    const args = positional(c);
    const keyArg = args[0] ?? kwarg(c, 'key');
    if (args.length < 2 && !kwarg(c, 'value') && !(keyArg && stringOf(keyArg) !== null)) continue;
    const name = stringOf(keyArg);
    if (name !== null && !sensitiveName(name)) continue;
    // A flag passed as a variable (`secure=settings.secure`) is decided elsewhere: not reported.
    const secure = flagSet(kwarg(c, 'secure'));
    const httpOnly = flagSet(kwarg(c, 'httponly'));
    if (secure && httpOnly) continue;
    const missing = [!secure ? 'secure=True' : null, !httpOnly ? 'httponly=True' : null]
      .filter(Boolean)
      .join(' or ');
    ctx.report({
      messageId: 'missing',
      loc: c.loc,
      data: { name: name ?? 'session', missing, why: why(secure, httpOnly) },
    });
  }
  const settings = settingAssignments(n.decls, n.assigns);
  // app.config.update(SESSION_COOKIE_SECURE=False)
  for (const o of n.objects)
    for (const p of o.props) if (p.key) settings.push({ name: p.key, value: p.value, loc: p.value.loc });
  for (const s of settings) {
    const flag = PY_COOKIE_SETTINGS[s.name];
    if (!flag || !isFalseLit(s.value)) continue;
    ctx.report({
      messageId: 'session',
      loc: s.loc,
      data: { missing: `${s.name} = False`, why: why(flag !== 'secure', flag !== 'httponly') },
    });
  }
}

function flagSet(e: Expr | undefined): boolean {
  return e !== undefined && (isTrue(e) || (e.k !== 'lit' && !isFalseLit(e)));
}

function sensitiveName(name: string): boolean {
  return name
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter(Boolean)
    .map((w) => w.toLowerCase())
    .some((w) => SENSITIVE_WORD.test(w) || /(token|session|sessid)$/.test(w));
}

function flag(o: Extract<Expr, { k: 'object' }> | undefined, key: string): boolean | null {
  const v = o ? propOf(o, key) : undefined;
  if (!v) return null;
  if (v.k === 'lit') return v.value === true || v.value === 'true';
  return true; // computed (e.g. process.env.NODE_ENV === 'production'): trust it
}

export default defineRule({
  meta: {
    id: 'insecure-cookie',
    title: 'Session cookie without Secure or HttpOnly',
    family: 'access-control',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-614', 'CWE-1004'],
    hipaa: ['164.312(d)', '164.312(e)(1)'],
    fix: "Set `secure: true, httpOnly: true, sameSite: 'lax'` (or strict) on every cookie that carries a session or token.",
    messages: {
      missing: 'Cookie `{name}` is set without {missing}: {why}.',
      session: 'Session cookie configured with {missing}: {why}.',
    },
    docs: {
      summary:
        'Without Secure, the session cookie is sent over plain HTTP; without HttpOnly, any injected script can steal it. Either lets an attacker act as the clinician and open patient records.',
      exampleFile: 'example.ts',
      bad: `import express from 'express';
import { requireAuth } from './auth';

const app = express();

app.post('/login', requireAuth, (req, res) => {
  res.cookie('session', req.body.sessionToken);
  res.sendStatus(204);
});
`,
      good: `import express from 'express';
import { requireAuth } from './auth';

const app = express();

app.post('/login', requireAuth, (req, res) => {
  res.cookie('session', req.body.sessionToken, { secure: true, httpOnly: true, sameSite: 'lax' });
  res.sendStatus(204);
});
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
      const text = ctx.facts.calls.get(c)?.text ?? '';
      if (!/(^|\.)(cookie|setCookie)$/.test(text) && !/cookies\(\)\.set$|cookies\.set$/.test(text)) continue;
      if (/^(document|js-cookie|Cookies)\b/.test(text)) continue;
      // Hono's setCookie(c, name, value, options) takes the context first.
      const refs = ctx.facts.calls.get(c)?.refs ?? [];
      const shift =
        text === 'setCookie' &&
        (refs.some((r) => r.startsWith('hono/cookie:')) ||
          (c.args.length >= 3 && stringOf(c.args[0]) === null && stringOf(c.args[1]) !== null))
          ? 1
          : 0;
      const name = stringOf(c.args[shift]);
      const optsArg = c.args[2 + shift];
      const opts = optsArg?.k === 'object' ? optsArg : undefined;
      if (c.args.length < 2 + shift || (name !== null && !sensitiveName(name))) continue;
      const secure = flag(opts, 'secure') ?? false;
      const httpOnly = flag(opts, 'httpOnly') ?? false;
      if (secure && httpOnly) continue;
      const missing = [!secure ? 'Secure' : null, !httpOnly ? 'HttpOnly' : null].filter(Boolean).join(' or ');
      ctx.report({
        messageId: 'missing',
        loc: c.loc,
        data: { name: name ?? 'session', missing, why: why(secure, httpOnly) },
      });
    }
    // express-session / cookie-session: cookie: { secure: false } or httpOnly: false
    for (const o of n.objects) {
      const cookie = propOf(o, 'cookie');
      if (
        !cookie ||
        cookie.k !== 'object' ||
        !(propOf(o, 'secret') || propOf(o, 'store') || propOf(o, 'resave'))
      )
        continue;
      const s = propOf(cookie, 'secure');
      const h = propOf(cookie, 'httpOnly');
      const insecure = s?.k === 'lit' && s.value === false;
      const scriptable = h?.k === 'lit' && h.value === false;
      if (insecure || scriptable) {
        ctx.report({
          messageId: 'session',
          loc: cookie.loc,
          data: {
            missing: [insecure ? 'secure: false' : null, scriptable ? 'httpOnly: false' : null]
              .filter(Boolean)
              .join(' and '),
            why: why(!insecure, !scriptable),
          },
        });
      }
    }
  },
});
