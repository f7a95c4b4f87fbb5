/**
 * Ways a file or a record says it is made up: a header comment, a flag field, FHIR security
 * labels. Each returns the reason shown when the data is judged synthetic, or null.
 */

import { memoByString } from '../../core/memo.js';

const SYNTHETIC_WORDS =
  /\b(synthetic|synthea|fake (data|patients?|records?)|test data|dummy data|mock data|sample data|fictitious|fictional|not real (patients?|people|persons|data)|generated (by|with|using) (faker|synthea|mimesis))\b/i;

/** A comment or description that declares the data synthetic. */
export function markOfText(text: string): string | null {
  const m = SYNTHETIC_WORDS.exec(text);
  return m ? `declared synthetic ("${m[0]}")` : null;
}

const FLAG_KEYS = new Set([
  'synthetic',
  'issynthetic',
  'syntheticdata',
  'test',
  'istest',
  'testdata',
  'testpatient',
  'istestpatient',
  'fake',
  'isfake',
  'mock',
  'ismock',
  'dummy',
  'demo',
  'isdemo',
]);
const TRUE = /^(true|yes|y|1)$/i;

/**
 * A flag's `true` as data files write it: true, yes, y, 1. The first letter is tested before the
 * expression because every short cell of a CSV without a label category asks.
 */
export function isTrueText(v: string): boolean {
  if (v.length > 4) return false;
  const c = v.charCodeAt(0);
  return (c === 116 || c === 84 || c === 121 || c === 89 || c === 49) && TRUE.test(v); // t T y Y 1
}
const COMMENT_KEYS = new Set([
  'comment',
  '_comment',
  '$comment',
  'description',
  'note',
  'notes',
  '_note',
  'generator',
  'source',
]);

/** What a key is, once normalised: a synthetic flag, a comment, or neither (null). */
type KeyKind = 'flag' | 'comment' | null;
/** Keys repeat in every record of a file: each is normalised and looked up once. */
const keyKind = memoByString((key): KeyKind => {
  const k = key.toLowerCase().replace(/[^a-z$]/g, '');
  return FLAG_KEYS.has(k) ? 'flag' : COMMENT_KEYS.has(k) ? 'comment' : null;
});

/** A key/value pair that marks its record (or, at the top of a file, the file) synthetic. */
export function markOfValue(key: string, value: unknown): string | null {
  const kind = keyKind(key);
  if (kind === null) return null;
  if (kind === 'flag' && (value === true || value === 1 || (typeof value === 'string' && isTrueText(value))))
    return `marked synthetic (${key}: ${String(value)})`;
  if (kind === 'comment' && typeof value === 'string') return markOfText(value);
  return null;
}

/**
 * FHIR security labels and tags for test data: v3 ActReason HTEST ("test health data"), and the
 * tags Synthea and other generators put on what they produce.
 */
export function markOfFhirCoding(coding: {
  system?: unknown;
  code?: unknown;
  display?: unknown;
}): string | null {
  const code = typeof coding.code === 'string' ? coding.code : '';
  const system = typeof coding.system === 'string' ? coding.system : '';
  if (code === 'HTEST') return 'FHIR meta security/tag HTEST (test health data)';
  if (/synthea|synthetichealth/i.test(system + code)) return 'FHIR meta tag from Synthea';
  if (typeof coding.display === 'string' && markOfText(coding.display))
    return `FHIR meta tag "${coding.display}"`;
  return /^(synthetic|test|testdata)$/i.test(code) ? `FHIR meta tag ${code}` : null;
}
