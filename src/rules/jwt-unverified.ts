import { defineRule } from './support/rule.js';
import { nodesOf, propOf, stringOf } from './support/walk.js';

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
      decode: '`{fn}` reads the token without checking its signature, and this file never verifies one: anyone can forge the claims.',
      none: 'The `none` algorithm is accepted: unsigned tokens pass as valid.',
    },
    docs: {
      summary:
        'A JWT\'s claims (user, roles, patient scope) are only trustworthy after its signature is verified. Decoding without verification, or accepting `alg: none`, lets anyone impersonate a clinician and read PHI.',
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
    const verifies = n.calls.some((c) => /(^|\.)(verify|jwtVerify|verifyJwt|verifyToken)$/.test(infoOf(c)?.text ?? ''));
    for (const c of n.calls) {
      const info = infoOf(c);
      const text = info?.text ?? '';
      const refs = info?.refs ?? [];
      const isDecode = refs.some((r) => /^(jsonwebtoken:(default\.)?decode|jsonwebtoken:decode|jose:decodeJwt|jose:UnsecuredJWT\.decode)$/.test(r)) || /^(jwt|jsonwebtoken|JWT)\.decode$/.test(text);
      if (isDecode && !verifies) ctx.report({ messageId: 'decode', loc: c.loc, data: { fn: text || 'decode' } });
    }
    for (const o of n.objects) {
      const algs = propOf(o, 'algorithms');
      if (algs?.k === 'array' && algs.elements.some((e) => /^none$/i.test(stringOf(e) ?? ''))) ctx.report({ messageId: 'none', loc: algs.loc });
      const alg = propOf(o, 'algorithm') ?? propOf(o, 'alg');
      if (/^none$/i.test(stringOf(alg) ?? '')) ctx.report({ messageId: 'none', loc: alg!.loc });
    }
  },
});
