import { hit, type Hit } from './categories.js';

/**
 * Numbers printed on advertising and in SSA publications, used everywhere as examples: the
 * Woolworth wallet card (078-05-1120), the 1940s Social Security Board pamphlet (219-09-9999),
 * and the conventional sequence 123-45-6789.
 */
const KNOWN_EXAMPLES = new Map([
  ['078051120', 'the Woolworth wallet-card number (advertising)'],
  ['219099999', 'the Social Security Board pamphlet number (advertising)'],
  ['123456789', 'the conventional example number'],
  ['987654321', 'the conventional example number'],
]);

/**
 * An SSN: dashed anywhere, nine bare digits only next to an SSN label. The SSA never issues area
 * 000, 666 or 900–999, group 00 or serial 0000, so such values are test data.
 */
export function checkSsn(raw: string, labelled: boolean): Hit | null {
  const v = raw.length === 11 ? raw : raw.trim();
  const d = ssnDigits(v, labelled);
  if (d === null) return null;
  const area = Number(d.slice(0, 3));
  const known = KNOWN_EXAMPLES.get(d);
  if (known) return hit('ssn', v, { synthetic: known });
  if (area === 0 || area === 666)
    return hit('ssn', v, { synthetic: `area ${d.slice(0, 3)} is never issued` });
  if (area >= 900) return hit('ssn', v, { synthetic: 'area 9xx is never issued as an SSN' });
  if (d.slice(3, 5) === '00' || d.slice(5) === '0000')
    return hit('ssn', v, { synthetic: 'group 00 or serial 0000 is never issued' });
  if (/^(\d)\1{8}$/.test(d)) return hit('ssn', v, { synthetic: 'one repeated digit' });
  return hit('ssn', v, { checked: true });
}

/** The nine digits of `ddd-dd-dddd` (or, labelled, `ddddddddd` / `ddd dd dddd`), else null. */
function ssnDigits(v: string, labelled: boolean): string | null {
  if (v.length === 11) {
    const sep = v[3];
    if (sep !== v[6] || !(sep === '-' || (labelled && sep === ' '))) return null;
    const d = v.slice(0, 3) + v.slice(4, 6) + v.slice(7);
    return allDigits(d) ? d : null;
  }
  return labelled && v.length === 9 && allDigits(v) ? v : null;
}

function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
