import { luhnValid } from './checksums.js';
import { hit, type Hit } from './categories.js';

/**
 * A National Provider Identifier: ten digits starting with 1 or 2 whose last digit is the Luhn
 * check digit computed over the card-issuer prefix 80840 and the first nine digits (45 CFR 162.406).
 * Without a label, ten random digits pass one time in ten, so only labelled values count.
 */
export function checkNpi(raw: string, labelled: boolean): Hit | null {
  const v = raw.trim();
  if (!labelled || !/^[12]\d{9}$/.test(v)) return null;
  if (!luhnValid(`80840${v}`)) return null;
  if (v === '1234567893') return hit('npi', v, { synthetic: 'the CMS example NPI' });
  return hit('npi', v, { checked: true });
}
