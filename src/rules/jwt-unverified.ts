import type { Expr, FunctionIR, Loc } from '../analysis/ir.js';
import { defineRule } from './support/rule.js';
import { nodesOf, propOf, stringOf } from './support/walk.js';
import { isFalseLit, kwarg } from './support/python.js';

export default defineRule({
  meta: {
    id: 'jwt-unverified',
    title: 'JWT trusted without signature verification',
    family: 'access-control',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-347'],
    hipaa: ['164.312(d)'],
    fix: 'Use jwt.verify (jsonwebtoken) or jwtVerify (jose) with an explicit `algorithms` list; never accept `none`.',
    messages: {
      decode:
        '`{fn}` reads the token without checking its signature, and this function never verifies it: anyone can forge the claims.',
      none: 'The `none` algorithm is accepted: unsigned tokens pass as valid.',
    },
    docs: {
      summary:
        "A JWT's claims (user, roles, patient scope) are only trustworthy after its signature is verified. Decoding without verification, or accepting `alg: none`, lets anyone impersonate a clinician and read PHI.",
      exampleFile: 'example.ts',
      bad: `import jwt from 'jsonwebtoken';

export function currentUser(authorization: string) {
  const token = authorization.replace('Bearer ', '');
  const claims = jwt.decode(token) as { sub: string; role: string };
  return { id: claims.sub, role: claims.role };
}
`,
      good: `import jwt from 'jsonwebtoken';

export function currentUser(authorization: string) {
  const token = authorization.replace('Bearer ', '');
  const claims = jwt.verify(token, process.env.JWT_PUBLIC_KEY!, { algorithms: ['RS256'] }) as { sub: string; role: string };
  return { id: claims.sub, role: claims.role };
}
`,
    },
  },
  check(ctx) {
    const n = nodesOf(ctx.ir);
    const infoOf = (c: (typeof n.calls)[number]) => ctx.facts.calls.get(c);
    // A signature check on a token (jwt.verify, jwtVerify, verifyToken), not argon2.verify or bcrypt.verify.
    const verifyCalls = n.calls.filter((c) => {
      const text = infoOf(c)?.text ?? '';
      if (/(^|\.)(jwtVerify|verifyJwt|verifyJWT|verifyToken|verifyIdToken|verifyAccessToken)$/.test(text))
        return true;
      if (!/(^|\.)verify$/.test(text)) return false;
      const refs = infoOf(c)?.refs ?? [];
      return (
        !/^(argon2|bcrypt|bcryptjs|scrypt|pbkdf2|otplib|speakeasy|totp)\b/i.test(text) &&
        !refs.some((r) =>
          /^(argon2|bcrypt|bcryptjs|otplib|speakeasy|@node-rs\/argon2|@node-rs\/bcrypt)[:.]/.test(r),
        )
      );
    });
    // Decoding is fine where the same function also verifies (e.g. reading the header to pick a key).
    const verifiedNear = (c: (typeof n.calls)[number]): boolean => {
      const fn = innermost(n.functions, c.loc.line, c.loc.column);
      return verifyCalls.some((v) => (fn ? within(fn.loc, v.loc.line) : true));
    };
    for (const c of n.calls) {
      const info = infoOf(c);
      const text = info?.text ?? '';
      const refs = info?.refs ?? [];
      if (ctx.ir.lang === 'python') {
        // PyJWT and python-jose verify in decode(); only an explicit opt-out or get_unverified_* skips it.
        if (pythonUnverified(c, refs))
          ctx.report({ messageId: 'decode', loc: c.loc, data: { fn: text || 'decode' } });
        continue;
      }
      const isDecode =
        refs.some((r) =>
          /^(jsonwebtoken:(default\.)?decode|jose:decodeJwt|jose:UnsecuredJWT\.decode)$/.test(r),
        ) || /^(jwt|jsonwebtoken|JWT)\.decode$/.test(text);
      if (isDecode && !verifiedNear(c))
        ctx.report({ messageId: 'decode', loc: c.loc, data: { fn: text || 'decode' } });
    }
    for (const o of n.objects) {
      const algs = propOf(o, 'algorithms');
      if (algs?.k === 'array' && algs.elements.some((e) => /^none$/i.test(stringOf(e) ?? '')))
        ctx.report({ messageId: 'none', loc: algs.loc });
      const alg = propOf(o, 'algorithm') ?? propOf(o, 'alg');
      if (/^none$/i.test(stringOf(alg) ?? '')) ctx.report({ messageId: 'none', loc: alg!.loc });
    }
  },
});

function pythonUnverified(c: Extract<Expr, { k: 'call' }>, refs: readonly string[]): boolean {
  if (!refs.some((r) => /^(jwt|jose|jose\.jwt|jwt\.api_jwt):(jwt\.|PyJWT\(\)\.|api_jwt\.)?decode$/.test(r)))
    return false;
  const options = kwarg(c, 'options');
  const off = options?.k === 'object' ? propOf(options, 'verify_signature') : undefined;
  return isFalseLit(off) || isFalseLit(kwarg(c, 'verify'));
}

function within(loc: Loc, line: number): boolean {
  return line >= loc.line && line <= loc.endLine;
}

/** The innermost function whose body contains the position. */
function innermost(fns: readonly FunctionIR[], line: number, column: number): FunctionIR | undefined {
  let best: FunctionIR | undefined;
  for (const f of fns) {
    const l = f.loc;
    const starts = l.line < line || (l.line === line && l.column <= column);
    const ends = l.endLine > line || (l.endLine === line && l.endColumn >= column);
    if (
      starts &&
      ends &&
      (!best || l.line > best.loc.line || (l.line === best.loc.line && l.column >= best.loc.column))
    )
      best = f;
  }
  return best;
}
