import { defineRule } from './support/rule.js';
import { nodesOf, stringOf } from './support/walk.js';
import { isFalseLit, kwarg, positional } from './support/python.js';
import type { Expr } from '../analysis/ir.js';

/** hashlib.md5(), hashlib.new('sha1'), Crypto.Hash.MD5.new(), hmac.new(key, msg, hashlib.md5). */
function pythonWeakHash(c: Extract<Expr, { k: 'call' }>, refs: readonly string[]): string | null {
  // hashlib.md5(data, usedforsecurity=False) says it is not a security use (a cache key, an ETag).
  if (isFalseLit(kwarg(c, 'usedforsecurity'))) return null;
  const named = (s: string | null): string | null =>
    s && WEAK.test(s) ? (/sha/i.test(s) ? 'SHA-1' : s.toUpperCase()) : null;
  for (const r of refs) {
    const m = /^hashlib:(md5|sha1)$|^Crypto\.Hash(?:\.(MD5|SHA1|SHA))?:(?:(MD5|SHA1|SHA)\.)?new$/.exec(r);
    if (m) return named((m[1] ?? m[2] ?? m[3] ?? 'MD5').replace(/^SHA$/, 'SHA1'));
    if (r === 'hashlib:new') return named(stringOf(positional(c)[0]));
    if (r === 'hmac:new') {
      const d = positional(c)[2] ?? kwarg(c, 'digestmod');
      return named(d?.k === 'member' ? d.prop : stringOf(d));
    }
  }
  return null;
}
const PY_CANDIDATE = /^(new|md5|sha1)$/;

/** Callee names worth a closer look; everything else is skipped cheaply. */
const CANDIDATE = /^(createHash|createHmac|MD5|SHA1|HmacMD5|HmacSHA1|md5|sha1|default)$/;
const WEAK = /^(md5|md4|md2|sha1|sha-1|ripemd|ripemd160)$/i;
const PASSWORD_CONTEXT = /passw|pwd|secret|credential|\bpin\b|token/i;

export default defineRule({
  meta: {
    id: 'weak-hash',
    title: 'Weak hash algorithm (MD5, SHA-1)',
    family: 'insecure-default',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-328', 'CWE-327'],
    hipaa: ['164.312(c)(1)', '164.312(d)'],
    fix: 'Use SHA-256 or better for integrity, and a password hash (argon2, scrypt, bcrypt) for passwords.',
    messages: {
      weak: '{alg} is broken for integrity and collision resistance; use SHA-256 or better.',
      password: '{alg} used on a password or secret: use argon2, scrypt or bcrypt.',
    },
    docs: {
      summary:
        "MD5 and SHA-1 have practical collisions, so they cannot prove that a record was not altered, and they are far too fast to protect passwords. HIPAA's integrity and authentication safeguards assume sound algorithms.",
      exampleFile: 'example.ts',
      bad: `import { createHash } from 'node:crypto';

export function hashPassword(password: string) {
  return createHash('md5').update(password).digest('hex');
}
`,
      good: `import { scryptSync, randomBytes } from 'node:crypto';

export function hashPassword(password: string) {
  const salt = randomBytes(16);
  return salt.toString('hex') + ':' + scryptSync(password, salt, 64).toString('hex');
}
`,
    },
  },
  check(ctx) {
    const n = nodesOf(ctx.ir);
    const lines = ctx.ir.lines;
    for (const c of n.calls) {
      const last = c.callee.k === 'member' ? c.callee.prop : c.callee.k === 'name' ? c.callee.name : null;
      const python = ctx.ir.lang === 'python';
      if (!last || !(CANDIDATE.test(last) || (python && PY_CANDIDATE.test(last)))) continue;
      const info = ctx.facts.calls.get(c);
      const text = info?.text ?? '';
      const refs = info?.refs ?? [];
      let alg: string | null = null;
      if (python) {
        alg = pythonWeakHash(c, refs);
      } else if (
        /(^|\.)(createHash|createHmac)$/.test(text) ||
        refs.some((r) => /^crypto:(createHash|createHmac|default\.createHash)$/.test(r))
      ) {
        const a = stringOf(c.args[0]) ?? info?.args[0]?.str ?? null;
        if (a && WEAK.test(a)) alg = a.toUpperCase();
      } else if (
        /^(CryptoJS\.)?(MD5|SHA1|HmacMD5|HmacSHA1)$/.test(text) ||
        refs.some((r) =>
          /^(crypto-js:(MD5|SHA1|HmacMD5)|crypto-js\/(md5|sha1):|md5:|blueimp-md5:|js-md5:|sha1:)$/.test(r),
        )
      ) {
        alg = /sha/i.test(text + refs.join()) ? 'SHA-1' : 'MD5';
      }
      if (!alg) continue;
      const context = (lines[c.loc.line - 1] ?? '') + ' ' + (lines[c.loc.line - 2] ?? '');
      const pw = PASSWORD_CONTEXT.test(context);
      ctx.report({
        messageId: pw ? 'password' : 'weak',
        loc: c.loc,
        data: { alg },
        ...(pw ? { severity: 'high' as const } : {}),
      });
    }
  },
});
