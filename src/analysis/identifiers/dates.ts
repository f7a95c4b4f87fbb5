import { hit, type Hit } from './categories.js';
import { digitsAt } from './digits.js';

/** Placeholders systems write when the real date is unknown. */
const PLACEHOLDER_DATES = new Set(['1900-01-01', '1901-01-01', '1970-01-01', '0001-01-01', '9999-12-31']);

/**
 * A calendar date in the usual data-file spellings: ISO (with or without a time), US M/D/YYYY,
 * and HL7's YYYYMMDD. Returns the ISO date, or null.
 */
export function parseDate(raw: string): string | null {
  const v = raw.length === 10 ? raw : raw.trim();
  if (v.length === 10 && v.charCodeAt(4) === 45 && v.charCodeAt(7) === 45) return isoDate(v);
  let y: number, m: number, d: number;
  let match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T ]\d{2}:\d{2})/.exec(v);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v)))
    [y, m, d] = [Number(match[3]), Number(match[1]), Number(match[2])];
  else if ((match = /^(\d{4})(\d{2})(\d{2})(?:\d{2,6}(?:\.\d+)?)?(?:[+-]\d{4})?$/.exec(v)))
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` without a regular expression: the common case in exports, once per cell. */
function isoDate(v: string): string | null {
  const y = digitsAt(v, 0, 4);
  const m = digitsAt(v, 5, 2);
  const d = digitsAt(v, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return v;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * A date of birth next to a DOB label: a real calendar date, not in the future (`today` is an ISO
 * date), not before 1900.
 */
export function checkBirthDate(raw: string, today: string): Hit | null {
  const iso = parseDate(raw);
  if (!iso) return null;
  const v = raw.length === 10 ? raw : raw.trim();
  if (PLACEHOLDER_DATES.has(iso)) return hit('dob', v, { synthetic: 'a placeholder date' });
  if (digitsAt(iso, 0, 4) < 1900 || iso > today) return null;
  return hit('dob', v);
}

/** Ages over 89 are identifiers under Safe Harbor (they must be aggregated as 90+). */
export function checkAge(raw: string): Hit | null {
  const v = raw.trim();
  if (!/^\d{2,3}$/.test(v)) return null;
  const n = Number(v);
  return n >= 90 && n <= 120 ? hit('age', v) : null;
}

/** A five-digit ZIP or ZIP+4 next to a ZIP label; the all-same and 12345 placeholders are not. */
export function checkZip(raw: string): Hit | null {
  const v = raw.trim();
  // `\d{5}` or `\d{5}-\d{4}`, read as numbers
  if (v.length !== 5 && !(v.length === 10 && v.charCodeAt(5) === 45 && digitsAt(v, 6, 4) >= 0)) return null;
  const five = digitsAt(v, 0, 5);
  if (five < 0) return null;
  if (five % 11_111 === 0 || five === 12_345) return hit('zip', v, { synthetic: 'a placeholder ZIP code' });
  return hit('zip', v);
}
