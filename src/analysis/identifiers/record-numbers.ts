import { hit, type Category, type Hit } from './categories.js';

const SHAPE = /^[A-Za-z0-9][A-Za-z0-9._:/#-]{2,39}$/;
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
  if (!SHAPE.test(v) || (v.length === 36 && UUID.test(v))) return null;
  let digits = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits < 3 || (category === 'device' && v.length < 5)) return null;
  if (digits < v.length && PLACEHOLDER.test(v))
    return hit(category, v, { synthetic: 'a placeholder word in the number' });
  const d = digits === v.length ? v : v.replace(/\D/g, '');
  if (oneDigitRepeated(d) || (d.length >= 5 && SEQUENCES.some((s) => s.includes(d))))
    return hit(category, v, { synthetic: 'a repeated digit or counting sequence' });
  return hit(category, v);
}

function oneDigitRepeated(d: string): boolean {
  for (let i = 1; i < d.length; i++) if (d.charCodeAt(i) !== d.charCodeAt(0)) return false;
  return d.length > 1;
}
