// @ts-nocheck
import jwt from 'jsonwebtoken';

export function currentClinician(authorization: string) {
  const token = authorization.replace('Bearer ', '');
  const claims = jwt.decode(token) as { sub: string; role: string; patients: string[] }; // expect: jwt-unverified
  return { id: claims.sub, role: claims.role, patients: claims.patients };
}
