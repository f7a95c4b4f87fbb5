import { hit, type Hit } from './categories.js';
import { hasDigit } from './digits.js';

/** A person's name as data files spell it: `Maria Gonzalez`, `GONZALEZ^MARIA`, `O'Brien, Seán`. */
const NAME = /^\p{Lu}[\p{L}'’.-]*(?:[ ,^]+\p{L}[\p{L}'’.-]*){0,4}$/u;
/** The same for ASCII names, without the cost of Unicode property classes. */
const ASCII_NAME = /^[A-Z][A-Za-z'.-]*(?:[ ,^]+[A-Za-z][A-Za-z'.-]*){0,4}$/;
/** Synthea appends digits to every generated name part: `Jacinto644 Kris249`. */
const SYNTHEA_WORD = /^\p{L}+\d{1,4}$/u;
/** Words that mark a name as made up. */
const TEST_WORD =
  /(?:^|[\s,^])(test|tester|testing|testpatient|testuser|patient|example|sample|demo|doe|roe|fake|dummy|mock|synthetic|anonymous|unknown|placeholder|zztest|xxtest|foo|bar|baz|lorem|ipsum|nobody)(?=$|[\s,^.])/i;

/** A name next to a name label. Only labelled values: capitalised words are everywhere. */
export function checkName(raw: string): Hit | null {
  const v = raw.trim();
  if (v.length < 2 || v.length > 80) return null;
  if (hasDigit(v)) {
    const words = v.split(/[\s,^]+/).filter(Boolean);
    return words.length > 0 && words.every((w) => SYNTHEA_WORD.test(w))
      ? hit('name', v, { synthetic: 'a Synthea-generated name (digit suffixes)' })
      : null;
  }
  if (!ASCII_NAME.test(v) && !NAME.test(v)) return null;
  // Capitals only: an HL7 name (FAMILY^GIVEN) or `LAST, FIRST`; otherwise a constant or a keyword.
  const second = v.charCodeAt(1);
  if (second >= 65 && second <= 90 && v === v.toUpperCase() && !/[\^,]/.test(v)) return null;
  const test = TEST_WORD.exec(v);
  if (test) return hit('name', v, { synthetic: `a test name ("${test[1]!}")` });
  return hit('name', v);
}
