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
  // Offsets of the group and the serial: `ddd-dd-dddd`, or nine bare digits when labelled.
  const dashed = v.length === 11;
  if (dashed) {
    const sep = v[3];
    if (sep !== v[6] || !(sep === '-' || (labelled && sep === ' '))) return null;
  } else if (!(labelled && v.length === 9)) return null;
  const g = dashed ? 4 : 3;
  const s = dashed ? 7 : 5;
  if (!digitsAt(v, 0, 3) || !digitsAt(v, g, 2) || !digitsAt(v, s, 4)) return null;
  const area = v.slice(0, 3);
  const group = v.slice(g, g + 2);
  const serial = v.slice(s, s + 4);
  const d = area + group + serial;
  const known = KNOWN_EXAMPLES.get(d);
  if (known) return hit('ssn', v, { synthetic: known });
  if (area === '000' || area === '666') return hit('ssn', v, { synthetic: `area ${area} is never issued` });
  if (area.charCodeAt(0) === 57) return hit('ssn', v, { synthetic: 'area 9xx is never issued as an SSN' });
  if (group === '00' || serial === '0000')
    return hit('ssn', v, { synthetic: 'group 00 or serial 0000 is never issued' });
  if (d === d[0]!.repeat(9)) return hit('ssn', v, { synthetic: 'one repeated digit' });
  return hit('ssn', v, { checked: true });
}

/** Whether `v` has `n` ASCII digits from `at`. */
function digitsAt(v: string, at: number, n: number): boolean {
  for (let i = at; i < at + n; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
