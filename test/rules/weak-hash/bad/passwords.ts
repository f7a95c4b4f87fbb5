// @ts-nocheck
import { createHash } from 'node:crypto';

export function hashPassword(password: string) {
  return createHash('md5').update(password).digest('hex'); // expect: weak-hash
}

export function hashPortalPin(pin: string, salt: string) {
  const algorithm = 'sha1';
  return createHash(algorithm).update(salt + pin).digest('base64'); // expect: weak-hash
}
