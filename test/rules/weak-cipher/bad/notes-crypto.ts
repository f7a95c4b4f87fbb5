// @ts-nocheck
import { createCipher, createCipheriv, createDecipher } from 'node:crypto';

const KEY = Buffer.from(process.env.NOTES_KEY ?? '', 'hex');
const IV = Buffer.alloc(16);

export function encryptNote(note: string) {
  const cipher = createCipheriv('aes-256-cbc', KEY, IV); // expect: weak-cipher
  return Buffer.concat([cipher.update(note, 'utf8'), cipher.final()]);
}

export function encryptSsn(ssn: string) {
  const cipher = createCipheriv('aes-256-gcm', KEY, Buffer.from('0123456789ab')); // expect: weak-cipher
  return Buffer.concat([cipher.update(ssn), cipher.final()]);
}

export function legacyEncrypt(text: string, password: string) {
  const cipher = createCipher('aes-256-cbc', password); // expect: weak-cipher
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

export function legacyDecrypt(hex: string, password: string) {
  const decipher = createDecipher('aes-256-cbc', password); // expect: weak-cipher
  return decipher.update(hex, 'hex', 'utf8') + decipher.final('utf8');
}
