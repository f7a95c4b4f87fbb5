/**
 * Ways a file or a record says it is made up: a header comment, a flag field, FHIR security
 * labels. Each returns the reason shown when the data is judged synthetic, or null.
 */

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

/** A key/value pair that marks its record (or, at the top of a file, the file) synthetic. */
const normalised = new Map<string, string>();

export function markOfValue(key: string, value: unknown): string | null {
  let k = normalised.get(key);
  if (k === undefined) {
    k = key.toLowerCase().replace(/[^a-z$]/g, '');
    if (normalised.size > 10_000) normalised.clear();
    normalised.set(key, k);
  }
  if (!FLAG_KEYS.has(k) && !COMMENT_KEYS.has(k)) return null;
  if (FLAG_KEYS.has(k) && (value === true || value === 1 || (typeof value === 'string' && TRUE.test(value))))
    return `marked synthetic (${key}: ${String(value)})`;
  if (COMMENT_KEYS.has(k) && typeof value === 'string') return markOfText(value);
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
