// @ts-nocheck
import jwt from 'jsonwebtoken';

export function currentClinician(authorization: string) {
  const token = authorization.replace('Bearer ', '');
  const claims = jwt.verify(token, process.env.JWT_PUBLIC_KEY!, { algorithms: ['RS256'] }) as { sub: string; role: string };
  return { id: claims.sub, role: claims.role };
}
