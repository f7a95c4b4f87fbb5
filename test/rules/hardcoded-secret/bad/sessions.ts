// @ts-nocheck
import jwt from 'jsonwebtoken';

export function issueSession(userId: string) {
  return jwt.sign({ sub: userId, scope: 'patient/*.read' }, 'clinic-jwt-signing-key-9f8e7d', { expiresIn: '1h' }); // expect: hardcoded-secret
}

export function readSession(token: string) {
  return jwt.verify(token, 'clinic-jwt-signing-key-9f8e7d', { algorithms: ['HS256'] }); // expect: hardcoded-secret
}
