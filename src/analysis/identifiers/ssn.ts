import { hit, type Hit } from './categories.js';
import { digitsAt } from './digits.js';

/**
 * Numbers printed on advertising and in SSA publications, used everywhere as examples: the
 * Woolworth wallet card (078-05-1120), the 1940s Social Security Board pamphlet (219-09-9999),
 * and the conventional sequence 123-45-6789.
 */
const KNOWN_EXAMPLES = new Map([
  [78_05_1120, 'the Woolworth wallet-card number (advertising)'],
  [219_09_9999, 'the Social Security Board pamphlet number (advertising)'],
  [123_45_6789, 'the conventional example number'],
  [987_65_4321, 'the conventional example number'],
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
    const sep = v.charCodeAt(3);
    if (sep !== v.charCodeAt(6) || !(sep === 45 || (labelled && sep === 32))) return null;
  } else if (!(labelled && v.length === 9)) return null;
  // Read as numbers, not slices: this runs once per cell of an SSN column.
  const area = digitsAt(v, 0, 3);
  const group = digitsAt(v, dashed ? 4 : 3, 2);
  const serial = digitsAt(v, dashed ? 7 : 5, 4);
  if (area < 0 || group < 0 || serial < 0) return null;
  const d = area * 1_000_000 + group * 10_000 + serial;
  const known = KNOWN_EXAMPLES.get(d);
  if (known) return hit('ssn', v, { synthetic: known });
  if (area === 0 || area === 666)
    return hit('ssn', v, { synthetic: `area ${v.slice(0, 3)} is never issued` });
  if (area >= 900) return hit('ssn', v, { synthetic: 'area 9xx is never issued as an SSN' });
  if (group === 0 || serial === 0)
    return hit('ssn', v, { synthetic: 'group 00 or serial 0000 is never issued' });
  // 111-11-1111 … 999-99-9999 (000-00-0000 is area 000, above).
  if (d % 111_111_111 === 0) return hit('ssn', v, { synthetic: 'one repeated digit' });
  return hit('ssn', v, { checked: true });
}
