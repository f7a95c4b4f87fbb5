import { defineRule } from './support/rule.js';
import { nodesOf, stringOf } from './support/walk.js';

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
      if (!last || !CANDIDATE.test(last)) continue;
      const info = ctx.facts.calls.get(c);
      const text = info?.text ?? '';
      const refs = info?.refs ?? [];
      let alg: string | null = null;
      if (
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
