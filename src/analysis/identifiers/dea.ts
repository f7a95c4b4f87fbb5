import { deaCheckValid } from './checksums.js';
import { hit, type Hit } from './categories.js';

/**
 * A DEA registration number: a registrant-type letter (A/B/F/G practitioners, M mid-levels, P–U
 * distributors and manufacturers, X the DATA-waiver prefix), the first letter of the registrant's
 * surname (or 9 for a business), six digits and a check digit. Only next to a DEA label: nine
 * characters of this shape are too common elsewhere.
 */
const SHAPE = /^([ABCDEFGHJKLMPRSTUX])([A-Z9])(\d{7})$/;

export function checkDea(raw: string, labelled: boolean): Hit | null {
  const v = raw.trim().toUpperCase();
  const m = labelled ? SHAPE.exec(v) : null;
  if (!m || !deaCheckValid(m[3]!)) return null;
  if (m[3]!.startsWith('123456')) return hit('dea', v, { synthetic: 'the textbook example number' });
  return hit('dea', v, { checked: true });
}
