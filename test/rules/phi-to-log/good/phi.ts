// @ts-nocheck
import { createHash } from 'node:crypto';

export function redactPatient(p: { id?: string }) {
  return { id: p.id, redacted: true };
}

export function hashIdentifier(value: string) {
  return createHash('sha256').update(value).digest('hex');
}
