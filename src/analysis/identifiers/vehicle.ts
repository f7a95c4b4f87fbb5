import { vinCheckValid } from './checksums.js';
import { hit, type Hit } from './categories.js';

const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;
/** The example in every VIN explainer (Wikipedia, NHTSA decoder docs). */
const EXAMPLE_VINS = new Set(['1M8GDM9AXKP042788', '11111111111111111']);

/**
 * A vehicle identification number with a valid check digit. Without a label it must also mix
 * letters and digits outside A–F, so a 17-character hex digest cannot pass by chance.
 */
export function checkVin(raw: string, labelled: boolean): Hit | null {
  const v = raw.trim().toUpperCase();
  if (!VIN.test(v) || !vinCheckValid(v)) return null;
  if (!labelled && !(/[G-Z]/.test(v) && /\d/.test(v))) return null;
  if (EXAMPLE_VINS.has(v) || /^(.)\1+$/.test(v))
    return hit('vin', v, { synthetic: 'a textbook example VIN' });
  return hit('vin', v, { checked: true });
}
