import { hit, type Hit } from './categories.js';

/**
 * A Medicare Beneficiary Identifier (CMS MBI format): eleven characters, letters excluding S, L,
 * O, I, B and Z, in fixed positions. Its structure is specific enough to find without a label.
 */
const L = '[AC-HJKMNP-RT-Y]';
const MBI = new RegExp(`^[1-9]${L}[${L.slice(1, -1)}0-9]\\d${L}[${L.slice(1, -1)}0-9]\\d${L}${L}\\d\\d$`);

export function checkMbi(raw: string): Hit | null {
  const v = raw.trim().toUpperCase();
  const d = v.length === 13 && v[4] === '-' && v[8] === '-' ? v.replace(/-/g, '') : v;
  if (d.length !== 11 || !MBI.test(d)) return null;
  if (d === '1EG4TE5MK73') return hit('mbi', v, { synthetic: 'the CMS example MBI' });
  return hit('mbi', v, { checked: true });
}
