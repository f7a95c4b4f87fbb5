/**
 * The detectors behind one entry point each: a value next to a label (a CSV column, a JSON key,
 * an HL7 field position), a value with no label, and free text (logs, notes). Cheap character
 * tests come first so that the common cell — a city, a code, a count — costs a few comparisons.
 */
import { checkAddress, STREET_SUFFIXES } from './address.js';
import { checkCard } from './card.js';
import type { Category, Hit } from './categories.js';
import { checkAge, checkBirthDate, checkZip } from './dates.js';
import { checkDea } from './dea.js';
import { checkEmail } from './email.js';
import { checkIp } from './ip.js';
import { labelCategory } from './labels.js';
import { checkMbi } from './mbi.js';
import { checkName } from './names.js';
import { checkNpi } from './npi.js';
import { checkPhone } from './phone.js';
import { checkRecordNumber } from './record-numbers.js';
import { checkSsn } from './ssn.js';
import { checkUrl } from './url.js';
import { checkVin } from './vehicle.js';

/** Today, fixed once per process: dates of birth in the future are not dates of birth. */
const TODAY = new Date().toISOString().slice(0, 10);

export function detectLabelled(category: Category, value: string): Hit | null {
  if (value.length === 0 || value.length > 2000) return null;
  switch (category) {
    case 'ssn':
      return checkSsn(value, true);
    case 'card':
      return checkCard(value);
    case 'mbi':
      return checkMbi(value);
    case 'npi':
      return checkNpi(value, true);
    case 'dea':
      return checkDea(value, true);
    case 'phone':
      return checkPhone(value, true);
    case 'email':
      return checkEmail(value);
    case 'address':
      return checkAddress(value);
    case 'name':
      return checkName(value);
    case 'dob':
      return checkBirthDate(value, TODAY);
    case 'age':
      return checkAge(value);
    case 'zip':
      return checkZip(value);
    case 'ip':
      return checkIp(value);
    case 'vin':
      return checkVin(value, true);
    case 'url':
      return checkUrl(value, detectLabelled);
    case 'mrn':
    case 'member':
    case 'account':
    case 'license':
    case 'device':
      return checkRecordNumber(category, value);
  }
}

/**
 * A value with no label that announces it: only identifiers whose shape or check digit is
 * specific enough on its own (dashed SSNs, formatted phones, e-mail, cards, MBIs, VINs, street
 * addresses, URLs with identifiers). IP addresses only when `ip` is set (logs), since `1.2.3.4`
 * is also a version number.
 */
export function detectUnlabelled(value: string, ip = false): Hit | null {
  const n = value.length;
  if (n < 6 || n > 2000) return null;
  const c0 = value.charCodeAt(0);
  if (c0 === 104 || c0 === 72) return checkUrl(value, detectLabelled); // h, H
  if (value.includes('@')) return checkEmail(value);
  const digit = c0 >= 48 && c0 <= 57;
  if (digit || c0 === 40 || c0 === 43) {
    // 0-9 ( +
    if (n === 11 && value.charCodeAt(3) === 45) return checkSsn(value, false);
    const h = checkPhone(value, false) ?? checkCard(value) ?? (digit ? checkAddress(value) : null);
    if (h) return h;
    if (n === 11 || n === 13) return checkMbi(value);
    if (ip) return checkIp(value);
    return null;
  }
  if (n === 17) return checkVin(value, false);
  if (ip && value.includes(':')) return checkIp(value);
  return null;
}

/**
 * Shapes searched in free text. `prose: false` marks the ones too common in documentation to trust
 * inside a data file's description cells (card-like numbers, house numbers, dotted quads, links);
 * log and note files get them all.
 */
const TEXT_PATTERNS: readonly { re: RegExp; check: (v: string) => Hit | null; prose: boolean }[] = [
  { re: /\b\d{3}-\d{2}-\d{4}\b/g, check: (v) => checkSsn(v, false), prose: true },
  {
    re: /(?:\+1[-. ]?)?(?:\(\d{3}\)\s?|\b\d{3}[-. ])\d{3}[-. ]\d{4}\b/g,
    check: (v) => checkPhone(v, false),
    prose: true,
  },
  {
    re: /[A-Za-z0-9._%+'-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}/g,
    check: checkEmail,
    prose: true,
  },
  { re: /\b\d(?:[ -]?\d){12,18}\b/g, check: checkCard, prose: false },
  { re: /\bhttps?:\/\/[^\s"'<>]+/g, check: (v) => checkUrl(v, detectLabelled), prose: false },
  // Exactly four parts: OIDs (2.16.840.1.113883) and versions with more parts are not addresses.
  { re: /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]*\d)/g, check: checkIp, prose: false },
  {
    re: new RegExp(
      `\\b\\d{1,6}[A-Za-z]?\\s{1,4}(?:[NSEW]\\.?\\s{1,4})?(?:[A-Za-z0-9'.-]{1,30}\\s{1,4}){0,4}?(?:${STREET_SUFFIXES})\\b\\.?(?:\\s{1,4}(?:apt|unit|suite|ste|#)\\s{0,4}\\.?\\s{0,4}[\\w-]{1,10})?`,
      'gi',
    ),
    check: checkAddress,
    prose: false,
  },
  { re: /\b[1-9][A-Z][A-Z0-9]\d[A-Z][A-Z0-9]\d[A-Z]{2}\d{2}\b/g, check: checkMbi, prose: true },
];

/** `MRN: 00123456`, `DOB=1980-04-02`, `Patient: Maria Gonzalez`: a label of one to three words. */
// Bounded repetitions throughout: a long token (a base64 blob in a log) must cost linear time.
const LABEL = /([A-Za-z][\w.#-]{0,40}(?: [A-Za-z][\w.#-]{0,40}){0,2})\s{0,4}[:=]\s{0,4}/g;
const MAX_TEXT = 1 << 20;

/** Where a labelled value ends: a delimiter, a wide gap, or the next label. */
const VALUE_END = /[,;|\t"]|\s{2,}|\s+[A-Za-z][\w-]*\s*[:=]/;

/**
 * Every identifier in a line of free text: the label-free shapes, then `label: value` pairs.
 * `prose`: the text is a description inside a data record, not a log or note line.
 */
export function detectInText(text: string, out: Hit[], prose = false): void {
  if (text.length < 6) return;
  // A megabyte-long line is a blob, not a note: its head is enough to say what it holds.
  const line = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  // Every label-free shape contains a digit or an @: prose without either skips them all.
  if (/[\d@]/.test(line)) scanShapes(line, out, prose);
  if (!line.includes(':') && !line.includes('=')) return;
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(line); m; m = LABEL.exec(line)) {
    const c = labelOf(m[1]!);
    if (!c) continue;
    const rest = line.slice(m.index + m[0].length, m.index + m[0].length + 120);
    const end = VALUE_END.exec(rest);
    const words = (end ? rest.slice(0, end.index) : rest).trim().split(/\s+/).slice(0, 5);
    // The value is the longest run of leading words that validates: `00912284 seen by …`.
    for (let k = words.length; k >= 1; k--) {
      const h = detectLabelled(c, words.slice(0, k).join(' '));
      if (h) {
        out.push(h);
        break;
      }
    }
  }
}

function scanShapes(line: string, out: Hit[], prose: boolean): void {
  for (const { re, check, prose: inProse } of TEXT_PATTERNS) {
    if (prose && !inProse) continue;
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      const h = check(m[0]);
      if (h) out.push(h);
    }
  }
}

/** The label is the last words before the colon: `Seen today, patient DOB: …`. */
function labelOf(label: string): Category | null {
  const words = label.split(' ');
  for (let k = Math.min(3, words.length); k >= 1; k--) {
    const c = labelCategory(words.slice(-k).join(' '));
    if (c) return c;
  }
  return null;
}
