import { hit, type Hit } from './categories.js';

export const STREET_SUFFIXES =
  'street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|way|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|square|sq|trail|trl|alley|aly|crescent|cres|loop|pike|plaza|row|run';
/** House number, optional direction, one to four words, a USPS street suffix, optional unit. */
export const STREET = new RegExp(
  `^\\d{1,6}[A-Za-z]?\\s+(?:[NSEW]\\.?\\s+)?(?:[A-Za-z0-9'.-]+\\s+){0,4}?(?:${STREET_SUFFIXES})\\b\\.?(?:[ ,]+(?:apt|apartment|unit|suite|ste|#)\\s*\\.?\\s*[\\w-]+)?(?=$|[,^])`,
  'i',
);

/** Addresses everybody knows, and placeholders: they locate no patient. */
const FAMOUS =
  /^(123 main st(reet)?|1 main st(reet)?|742 evergreen terrace|221b baker street|1600 pennsylvania ave(nue)?( nw)?|1 infinite loop|1600 amphitheatre (pkwy|parkway)|12345 \w+ st(reet)?)\b/i;
const PLACEHOLDER_WORD = /\b(test|example|sample|fake|demo|dummy|synthetic|nowhere|anytown|fictional)\b/i;

/** A US street address line (`12 Oak Street`, `4500 N. Elm Ave Apt 3`). */
export function checkAddress(raw: string): Hit | null {
  const v = raw.trim();
  if (v.length < 8 || v.length > 120) return null;
  const c = v.charCodeAt(0);
  if (c < 48 || c > 57 || !STREET.test(v)) return null;
  if (FAMOUS.test(v)) return hit('address', v, { synthetic: 'a well-known or placeholder address' });
  if (PLACEHOLDER_WORD.test(v))
    return hit('address', v, { synthetic: 'a placeholder word in the street name' });
  return hit('address', v);
}
