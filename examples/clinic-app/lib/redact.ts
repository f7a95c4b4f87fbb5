/**
 * De-identification helpers.
 *
 * `redact()` is the project's sanitizer (listed in caregate.yml): its result may be logged, sent
 * to analytics or to an LLM. It removes the HIPAA Safe Harbor direct identifiers that appear in
 * FHIR resources and in our own DTOs, at any depth.
 */

const IDENTIFIER_KEYS = new Set([
  'name',
  'given',
  'family',
  'telecom',
  'phone',
  'email',
  'address',
  'birthDate',
  'dob',
  'identifier',
  'mrn',
  'ssn',
  'photo',
  'contact',
  'text',
]);

export function redact<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => redact(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = IDENTIFIER_KEYS.has(key) ? '[redacted]' : redact(inner);
    }
    return out as T;
  }
  return value;
}

/** Ten-year age band ("40-49") instead of a date of birth; "90+" per Safe Harbor. */
export function ageBand(birthDate: string | undefined, now = new Date()): string | undefined {
  if (!birthDate) return undefined;
  const born = new Date(birthDate);
  if (Number.isNaN(born.getTime())) return undefined;
  let age = now.getUTCFullYear() - born.getUTCFullYear();
  if (now < new Date(Date.UTC(now.getUTCFullYear(), born.getUTCMonth(), born.getUTCDate()))) age--;
  if (age >= 90) return '90+';
  const low = Math.floor(age / 10) * 10;
  return `${low}-${low + 9}`;
}

/** "***1234" for screens that must confirm an MRN without showing it. */
export function maskMrn(mrn: string | undefined): string {
  return mrn ? `***${mrn.slice(-4)}` : 'n/a';
}
