// @ts-nocheck
import { createHash, createHmac, randomBytes, scryptSync } from 'node:crypto';
import bcrypt from 'bcrypt';

export function hashPassword(password: string) {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(password, salt, 64).toString('hex')}`;
}

export function hashPortalPin(pin: string) {
  return bcrypt.hash(pin, 12);
}

export function recordChecksum(record: object) {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex');
}

export function signExport(payload: string, key: Buffer) {
  return createHmac('sha512', key).update(payload).digest('hex');
}

export const SUPPORTED_DIGESTS = ['sha256', 'sha384', 'sha512'];
export const legacyNote = 'md5 and sha1 are no longer accepted';
