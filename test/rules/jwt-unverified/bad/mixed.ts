// @ts-nocheck
import jwt from 'jsonwebtoken';

export function verifySession(token: string) {
  return jwt.verify(token, process.env.JWT_PUBLIC_KEY!, { algorithms: ['RS256'] });
}

// Verified elsewhere in the file, but not here: this path trusts whatever the caller sends.
export function currentRole(token: string) {
  return (jwt.decode(token) as { role: string }).role; // expect: jwt-unverified
}
