import type { Expr } from '../analysis/ir.js';
import { defineRule } from './support/rule.js';
import { nodesOf, propOf, stringOf } from './support/walk.js';
import { kwarg, positional } from './support/python.js';
import type { RuleContext } from './support/rule.js';

const WEAK_ALG = /(^|-)(des|des3|des-ede|des-ede3|rc2|rc4|bf|blowfish|cast|idea|seed)(-|$)|-ecb$|^aes-\d+$/i;

/** pycryptodome `DES.new(…)`, `AES.new(key, AES.MODE_ECB)`, constant IVs; cryptography's `modes.ECB()`. */
function checkPython(ctx: RuleContext<'alg' | 'createCipher' | 'iv'>, n: ReturnType<typeof nodesOf>): void {
  const constants = new Set<string>();
  for (const d of n.decls) if (d.pattern.k === 'pname' && isPyStaticIv(d.init)) constants.add(d.pattern.name);
  const staticIv = (e: Expr | undefined): boolean =>
    isPyStaticIv(e) || (e?.k === 'name' && constants.has(e.name));
  for (const c of n.calls) {
    const refs = ctx.facts.calls.get(c)?.refs ?? [];
    for (const r of refs) {
      const m =
        /^Crypto\.Cipher(?:\.(\w+))?:(?:(\w+)\.)?new$/.exec(r) ??
        /^cryptography\.hazmat\.primitives\.ciphers(?:\.(algorithms|modes))?:(?:(\w+)\.)?(\w+)$/.exec(r);
      if (!m) continue;
      if (r.startsWith('Crypto.')) {
        const alg = m[1] ?? m[2] ?? '';
        if (PY_WEAK_CIPHERS.test(alg)) ctx.report({ messageId: 'alg', loc: c.loc, data: { alg } });
        const mode = positional(c)[1] ?? kwarg(c, 'mode');
        if (mode?.k === 'member' && mode.prop === 'MODE_ECB')
          ctx.report({ messageId: 'alg', loc: mode.loc, data: { alg: 'ECB mode' } });
        const iv = kwarg(c, 'iv') ?? kwarg(c, 'nonce') ?? positional(c)[2];
        if (staticIv(iv)) ctx.report({ messageId: 'iv', loc: iv!.loc });
      } else {
        const name = m[3] ?? '';
        if (name === 'ECB') ctx.report({ messageId: 'alg', loc: c.loc, data: { alg: 'ECB mode' } });
        else if (PY_WEAK_CIPHERS.test(name))
          ctx.report({ messageId: 'alg', loc: c.loc, data: { alg: name } });
        else if (/^(CBC|CTR|GCM|OFB|CFB)$/.test(name) && staticIv(positional(c)[0]))
          ctx.report({ messageId: 'iv', loc: positional(c)[0]!.loc });
      }
      break;
    }
  }
}

const PY_WEAK_CIPHERS = /^(DES|DES3|TripleDES|ARC4|ARC2|Blowfish|CAST|CAST5|IDEA|SEED)$/;

/** b"0123456789abcdef", b"\\x00" * 16, bytes(16). */
function isPyStaticIv(e: Expr | undefined): boolean {
  if (!e) return false;
  if (stringOf(e) !== null) return true;
  if (e.k === 'binary' && e.op === '*') return stringOf(e.left) !== null || stringOf(e.right) !== null;
  return (
    e.k === 'call' &&
    e.callee.k === 'name' &&
    /^(bytes|bytearray)$/.test(e.callee.name) &&
    e.args[0]?.k === 'lit'
  );
}

/** An IV that is the same on every run: a literal, Buffer.from('literal'), Buffer.alloc(n), new Uint8Array(n). */
function isStaticIv(e: Expr | undefined): boolean {
  if (!e) return false;
  if (stringOf(e) !== null) return true;
  if (e.k === 'call') {
    const callee =
      e.callee.k === 'member'
        ? `${e.callee.object.k === 'name' ? e.callee.object.name : ''}.${e.callee.prop ?? ''}`
        : e.callee.k === 'name'
          ? e.callee.name
          : '';
    if (callee === 'Buffer.alloc') return true;
    if (callee === 'Buffer.from' && (stringOf(e.args[0]) !== null || e.args[0]?.k === 'array')) return true;
    if (e.isNew && /^(Uint8Array|Buffer)$/.test(callee) && e.args[0]?.k === 'lit') return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'weak-cipher',
    title: 'Weak or misused encryption (DES, RC4, ECB, createCipher, static IV)',
    family: 'insecure-default',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-327', 'CWE-329'],
    hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
    fix: 'Use AES-256-GCM with a random 12-byte IV per message (crypto.randomBytes) and keep the auth tag.',
    messages: {
      alg: 'Cipher `{alg}` is broken or leaks patterns (ECB); encrypted PHI can be recovered.',
      createCipher:
        '`{fn}` derives the key and IV from a password with MD5 and no salt; it is deprecated and insecure.',
      iv: 'The IV is a constant: identical plaintexts encrypt identically and GCM/CTR keys can be broken.',
    },
    docs: {
      summary:
        'Encryption only protects ePHI if the algorithm and mode are sound. DES, 3DES, RC4 and Blowfish are broken or deprecated; ECB mode reveals patterns; a fixed IV makes ciphertexts comparable and breaks GCM entirely.',
      exampleFile: 'example.ts',
      bad: `import { createCipheriv } from 'node:crypto';

const KEY = Buffer.from(process.env.PHI_KEY ?? '', 'hex');
const IV = Buffer.alloc(16);

export function encryptNote(note: string) {
  const cipher = createCipheriv('aes-256-cbc', KEY, IV);
  return Buffer.concat([cipher.update(note, 'utf8'), cipher.final()]);
}
`,
      good: `import { createCipheriv, randomBytes } from 'node:crypto';

const KEY = Buffer.from(process.env.PHI_KEY ?? '', 'hex');

export function encryptNote(note: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', KEY, iv);
  const data = Buffer.concat([cipher.update(note, 'utf8'), cipher.final()]);
  return { iv, data, tag: cipher.getAuthTag() };
}
`,
    },
  },
  check(ctx) {
    const n = nodesOf(ctx.ir);
    if (ctx.ir.lang === 'python') {
      checkPython(ctx, n);
      return;
    }
    // IVs bound to constants: const IV = Buffer.alloc(16)
    const staticIvNames = new Set<string>();
    for (const d of n.decls)
      if (d.pattern.k === 'pname' && isStaticIv(d.init)) staticIvNames.add(d.pattern.name);
    for (const c of n.calls) {
      const info = ctx.facts.calls.get(c);
      const text = info?.text ?? '';
      const fn = /(?:^|\.)(createCipheriv|createDecipheriv|createCipher|createDecipher)$/.exec(text)?.[1];
      if (fn === 'createCipher' || fn === 'createDecipher') {
        ctx.report({ messageId: 'createCipher', loc: c.loc, data: { fn } });
        continue;
      }
      if (fn) {
        const alg = stringOf(c.args[0]) ?? info?.args[0]?.str;
        if (alg && WEAK_ALG.test(alg)) ctx.report({ messageId: 'alg', loc: c.loc, data: { alg } });
        const iv = c.args[2];
        if (fn === 'createCipheriv' && (isStaticIv(iv) || (iv?.k === 'name' && staticIvNames.has(iv.name))))
          ctx.report({ messageId: 'iv', loc: iv!.loc });
        continue;
      }
      // crypto-js: CryptoJS.DES.encrypt / CryptoJS.RC4.encrypt / mode: CryptoJS.mode.ECB
      const m = /(?:^|\.)(DES|TripleDES|RC4|RC4Drop|Rabbit)\.(encrypt|decrypt)$/.exec(text);
      if (m) ctx.report({ messageId: 'alg', loc: c.loc, data: { alg: m[1]! } });
    }
    for (const o of n.objects) {
      const mode = propOf(o, 'mode');
      if (mode?.k === 'member' && mode.prop === 'ECB')
        ctx.report({ messageId: 'alg', loc: mode.loc, data: { alg: 'ECB mode' } });
    }
  },
});
