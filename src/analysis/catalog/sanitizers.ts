/**
 * What removes PHI from a value. Sanitizer calls return clean values; the config adds more names.
 * Words are matched on split identifiers, so `redactPatient`, `maskSSN` and `deidentify` all count.
 */
import { splitWords } from '../phi-names.js';

const SANITIZING_WORDS = new Set([
  'redact',
  'redacted',
  'redaction',
  'mask',
  'masked',
  'deidentify',
  'deidentified',
  'deid',
  'anonymize',
  'anonymise',
  'anonymized',
  'pseudonymize',
  'pseudonymise',
  'pseudonymized',
  'scrub',
  'scrubbed',
  'hash',
  'hashed',
  'encrypt',
  'encrypted',
  'tokenize',
  'tokenized',
  'obfuscate',
  'obfuscated',
  'omit',
  'strip',
  'censor',
  'digest',
  'hmac',
  'sha256',
  'sha512',
  'bcrypt',
  'argon2',
  'scrypt',
  'seal',
  // Generalisation to an age or band is allowed under Safe Harbor (ages under 90).
  'age',
  'band',
  'bucket',
  'generalize',
  'generalise',
]);

/** `sanitize` and `clean` only count when they say what they clean. */
const QUALIFIED = new Set(['sanitize', 'sanitized', 'clean', 'remove', 'filter', 'safe']);
const PHI_QUALIFIERS = new Set(['phi', 'pii', 'patient', 'identifiers', 'sensitive', 'hipaa', 'personal']);

/** Calls that yield counts, booleans or opaque values rather than the data itself. */
const NON_DATA_WORDS = new Set([
  'count',
  'length',
  'size',
  'exists',
  'is',
  'has',
  'validate',
  'check',
  'compare',
  'verify',
  'uuid',
  'nanoid',
  'random',
]);

const sanitizerCache = new Map<string, boolean>();
const nonDataCache = new Map<string, boolean>();

export function isSanitizerName(name: string, extra: readonly string[] = []): boolean {
  if (extra.includes(name)) return true;
  let hit = sanitizerCache.get(name);
  if (hit === undefined) {
    const words = splitWords(name);
    hit =
      words.some((w) => SANITIZING_WORDS.has(w)) ||
      (words.some((w) => QUALIFIED.has(w)) && words.some((w) => PHI_QUALIFIERS.has(w)));
    if (sanitizerCache.size > 20_000) sanitizerCache.clear();
    sanitizerCache.set(name, hit);
  }
  return hit;
}

export function isNonDataCall(name: string): boolean {
  let hit = nonDataCache.get(name);
  if (hit === undefined) {
    const words = splitWords(name);
    hit = words.length > 0 && NON_DATA_WORDS.has(words[0]!);
    if (nonDataCache.size > 20_000) nonDataCache.clear();
    nonDataCache.set(name, hit);
  }
  return hit;
}

/** Fields of a PHI object that are not themselves identifying. */
export const NON_PHI_FIELDS = new Set([
  'id',
  'length',
  'size',
  'resourceType',
  'meta',
  'total',
  'count',
  'status',
  'active',
  'createdAt',
  'updatedAt',
  'version',
  'versionId',
  'lastUpdated',
  'type',
  'kind',
  'ok',
  'headers',
  'clinicalStatus',
  'verificationStatus',
  'intent',
  'priority',
  'system',
  'use',
  'gender',
]);

/** Methods whose result is a boolean, number or index, whatever the receiver holds. */
export const NON_DATA_METHODS = new Set([
  'includes',
  'startsWith',
  'endsWith',
  'has',
  'test',
  'some',
  'every',
  'indexOf',
  'lastIndexOf',
  'findIndex',
  'findLastIndex',
  'localeCompare',
  'isArray',
  'hasOwnProperty',
  'isValid',
  'isBefore',
  'isAfter',
  'getTime',
  'valueOf',
  'charCodeAt',
  'codePointAt',
  'keys',
  'digest',
]);
