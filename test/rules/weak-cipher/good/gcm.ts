// @ts-nocheck
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const KEY = Buffer.from(process.env.NOTES_KEY ?? '', 'hex');
const ALGORITHM = 'aes-256-gcm';

export function encryptNote(note: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, KEY, iv);
  const data = Buffer.concat([cipher.update(note, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), data: data.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

export function decryptNote(payload: { iv: string; data: string; tag: string }) {
  const decipher = createDecipheriv(ALGORITHM, KEY, Buffer.from(payload.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(payload.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(payload.data, 'base64')), decipher.final()]).toString('utf8');
}

export function encryptExport(bytes: Buffer, key: Buffer) {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(bytes), cipher.final()]);
}
