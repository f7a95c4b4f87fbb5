import { hit, type Hit } from './categories.js';

/** Formatted: (617) 432-1234, 617-432-1234, 617.432.1234, +1 617 432 1234. */
const FORMATTED = /^(?:\+?1[-. ]?)?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}$/;
const BARE = /^(?:\+?1)?\d{10}$/;
const SEPARATORS = /[\s.-]/g;
/** Toll-free area codes belong to businesses, not to people. */
const TOLL_FREE = new Set([800, 833, 844, 855, 866, 877, 888]);
/** The ten digits of the number last checked: both patterns end with them. */
const digits = new Int8Array(10);

/**
 * A North American (NANP) phone number. Area code and exchange start with 2–9 and are not N11
 * service codes; 555-0100 through 555-0199 are reserved for fiction.
 */
export function checkPhone(raw: string, labelled: boolean): Hit | null {
  const v = raw.trim();
  if (v.length < 10 || v.length > 20) return null;
  if (!FORMATTED.test(v) && !(labelled && BARE.test(v.replace(SEPARATORS, '')))) return null;
  // Either pattern ends with area code, exchange and line: the last ten digits of the value
  // (both hold ten at least; `i >= 0` only so that this loop can never run on).
  for (let i = v.length - 1, k = 9; k >= 0 && i >= 0; i--) {
    const c = v.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) digits[k--] = c;
  }
  const area = digits[0]! * 100 + digits[1]! * 10 + digits[2]!;
  if (!validNanpCode(0) || !validNanpCode(3) || digits[1] === 9 || TOLL_FREE.has(area)) return null;
  if (digits[3] === 5 && digits[4] === 5 && digits[5] === 5 && digits[6] === 0 && digits[7] === 1)
    return hit('phone', v, { synthetic: '555-0100–0199 is reserved for fictional use' });
  if (oneRepeatedDigit()) return hit('phone', v, { synthetic: 'one repeated digit' });
  return hit('phone', v, { checked: true });
}

/** An area code or exchange (digits from `at`): starts with 2–9, not an N11 service code. */
function validNanpCode(at: number): boolean {
  return digits[at]! >= 2 && !(digits[at + 1] === 1 && digits[at + 2] === 1);
}

function oneRepeatedDigit(): boolean {
  for (let k = 1; k < 10; k++) if (digits[k] !== digits[0]) return false;
  return true;
}
