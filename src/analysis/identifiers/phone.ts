import { hit, type Hit } from './categories.js';

/** Formatted: (617) 432-1234, 617-432-1234, 617.432.1234, +1 617 432 1234. */
const FORMATTED = /^(?:\+?1[-. ]?)?(?:\((\d{3})\)\s?|(\d{3})[-. ])(\d{3})[-. ](\d{4})$/;
const BARE = /^(?:\+?1)?(\d{3})(\d{3})(\d{4})$/;
/** Toll-free area codes belong to businesses, not to people. */
const TOLL_FREE = new Set(['800', '833', '844', '855', '866', '877', '888']);

/**
 * A North American (NANP) phone number. Area code and exchange start with 2–9 and are not N11
 * service codes; 555-0100 through 555-0199 are reserved for fiction.
 */
export function checkPhone(raw: string, labelled: boolean): Hit | null {
  const v = raw.trim();
  if (v.length < 10 || v.length > 20) return null;
  const m = FORMATTED.exec(v);
  let area: string, exchange: string, line: string;
  if (m) [area, exchange, line] = [m[1] ?? m[2]!, m[3]!, m[4]!];
  else {
    const b = labelled ? BARE.exec(v.replace(/[\s.-]/g, '')) : null;
    if (!b) return null;
    [area, exchange, line] = [b[1]!, b[2]!, b[3]!];
  }
  if (!validNanpCode(area) || !validNanpCode(exchange) || area[1] === '9' || TOLL_FREE.has(area)) return null;
  if (exchange === '555' && line.startsWith('01'))
    return hit('phone', v, { synthetic: '555-0100–0199 is reserved for fictional use' });
  const digits = area + exchange + line;
  if (digits === digits[0]!.repeat(10)) return hit('phone', v, { synthetic: 'one repeated digit' });
  return hit('phone', v, { checked: true });
}

function validNanpCode(code: string): boolean {
  return code[0]! >= '2' && !(code[1] === '1' && code[2] === '1');
}
