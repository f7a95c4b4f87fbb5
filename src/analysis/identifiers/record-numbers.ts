import { hit, type Category, type Hit } from './categories.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLACEHOLDER = /test|demo|fake|sample|example|dummy|synthetic|xxx|zzz|n\/a|unknown/i;
const SEQUENCES = ['0123456789', '1234567890', '9876543210'];

/**
 * Record numbers that have no public structure (MRN, member id, account, license, device serial):
 * recognised by their label only, and accepted when they look issued — at least three digits, no
 * placeholder words, not a counting sequence. A UUID is a database key, not a number anyone was given.
 */
export function checkRecordNumber(category: Category, raw: string): Hit | null {
  const v = raw.trim();
  const digits = digitsInShape(v);
  if (digits < 3 || (v.length === 36 && UUID.test(v)) || (category === 'device' && v.length < 5)) return null;
  if (digits < v.length && PLACEHOLDER.test(v))
    return hit(category, v, { synthetic: 'a placeholder word in the number' });
  const d = digits === v.length ? v : v.replace(/\D/g, '');
  if (oneDigitRepeated(d) || (d.length >= 5 && countingStart(d) && SEQUENCES.some((s) => s.includes(d))))
    return hit(category, v, { synthetic: 'a repeated digit or counting sequence' });
  return hit(category, v);
}

/**
 * How many digits `v` has when it is shaped like a record number (`[A-Za-z0-9][A-Za-z0-9._:/#-]{2,39}`:
 * 3 to 40 characters, starting with a letter or digit), or -1.
 */
function digitsInShape(v: string): number {
  if (v.length < 3 || v.length > 40) return -1;
  let digits = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) {
      // . _ : / # - (not first)
      if (i === 0 || !(c === 46 || c === 95 || c === 58 || c === 47 || c === 35 || c === 45)) return -1;
    }
  }
  return digits;
}

/** Whether the first two digits step by one, as every counting sequence's do. */
function countingStart(d: string): boolean {
  const step = d.charCodeAt(1) - d.charCodeAt(0);
  return step === 1 || step === -1;
}

function oneDigitRepeated(d: string): boolean {
  for (let i = 1; i < d.length; i++) if (d.charCodeAt(i) !== d.charCodeAt(0)) return false;
  return d.length > 1;
}
