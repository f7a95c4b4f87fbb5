/**
 * Masked views of ledger data for anything caregate prints or exports by default. The ledger stores
 * payloads exactly (their hashes are committed), but output must never show identifiers in full.
 */
import { mask, maskName, maskText } from '../core/mask.js';
import type { Actor } from './event.js';

const NAME_KEY = /name|given|family/i;
const ID_KEY = /ssn|mrn|dob|birth|address|phone|email|member|insurance|identifier|patient/i;

/** People are masked; agents and services are product names, shown as they are. */
export function maskActor(actor: Actor | undefined): Actor | undefined {
  if (!actor || actor.type !== 'human') return actor;
  return { ...actor, id: mask(actor.id) };
}

/** Mask every string in a payload, by key when the key names a PHI field, by content otherwise. */
export function maskPayload(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (NAME_KEY.test(key)) return maskName(value);
    if (ID_KEY.test(key)) return mask(value);
    return maskText(value);
  }
  if (Array.isArray(value)) return value.map((v) => maskPayload(v, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPayload(v, k)]));
  }
  return value;
}

/** A payload field as text for display: recorded payloads are JSON of any shape. */
export function payloadText(v: unknown, fallback: string): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : fallback;
}
