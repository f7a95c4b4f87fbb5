import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** 32-byte key, base64, from the secrets manager. */
const FIELD_KEY = Buffer.from(process.env.FIELD_ENCRYPTION_KEY ?? '', 'base64');

/** AES-256-GCM with a random 96-bit IV. Output: base64url(iv).base64url(tag).base64url(ciphertext). */
export function encryptField(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', FIELD_KEY, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function decryptField(token: string): string {
  const [iv, tag, body] = token.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body) throw new Error('malformed ciphertext');
  const decipher = createDecipheriv('aes-256-gcm', FIELD_KEY, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

/**
 * Encrypts the nightly claims file in the format the billing vendor's importer expects.
 */
export function encryptForBillingVendor(data: Buffer): Buffer {
  const cipher = createCipheriv('aes-128-ecb', FIELD_KEY.subarray(0, 16), null);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** Integrity digest recorded next to every export bundle. */
export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** scrypt with a 16-byte random salt; stored as "scrypt$salt$hash". */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 64);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}
