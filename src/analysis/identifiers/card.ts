import { luhnValid } from './checksums.js';
import { hit, type Hit } from './categories.js';

/** Issuer identification number ranges (ISO/IEC 7812) and the lengths each network issues. */
const NETWORKS: readonly { name: string; prefix: RegExp; lengths: readonly number[] }[] = [
  { name: 'Visa', prefix: /^4/, lengths: [13, 16, 19] },
  { name: 'Mastercard', prefix: /^(5[1-5]|2(22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/, lengths: [16] },
  { name: 'American Express', prefix: /^3[47]/, lengths: [15] },
  { name: 'Discover', prefix: /^(6011|65|64[4-9])/, lengths: [16, 19] },
  { name: 'JCB', prefix: /^35(2[89]|[3-8]\d)/, lengths: [16, 19] },
  { name: 'Diners Club', prefix: /^3(0[0-5]|[689])/, lengths: [14, 16] },
];

/** The networks' published test numbers (Stripe, Braintree, Adyen docs). */
const TEST_CARDS = new Set([
  '4111111111111111',
  '4242424242424242',
  '4012888888881881',
  '4000056655665556',
  '4222222222222',
  '5555555555554444',
  '5105105105105100',
  '2223003122003222',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
  '6011000990139424',
  '3530111333300000',
  '3566002020360505',
  '30569309025904',
  '38520000023237',
]);

/** A payment card number: 13–19 digits (spaces or dashes allowed), Luhn-valid, in a known IIN range. */
export function checkCard(raw: string): Hit | null {
  const v = raw.trim();
  if (v.length < 13 || v.length > 23 || !/^\d[\d -]+\d$/.test(v)) return null;
  const d = v.replace(/[ -]/g, '');
  if (d.length < 13 || d.length > 19) return null;
  if (!NETWORKS.some((n) => n.lengths.includes(d.length) && n.prefix.test(d))) return null;
  if (!luhnValid(d)) return null;
  if (TEST_CARDS.has(d)) return hit('card', v, { synthetic: 'a published test card number' });
  if (/^(\d)\1+$/.test(d.slice(1))) return hit('card', v, { synthetic: 'one repeated digit' });
  return hit('card', v, { checked: true });
}
