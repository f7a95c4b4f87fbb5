import { hit, type Hit } from './categories.js';

/** A person's name as data files spell it: `Maria Gonzalez`, `GONZALEZ^MARIA`, `O'Brien, Seán`. */
const NAME = /^\p{Lu}[\p{L}'’.-]*(?:[ ,^]+\p{L}[\p{L}'’.-]*){0,4}$/u;
/** Synthea appends digits to every generated name part: `Jacinto644 Kris249`. */
const SYNTHEA_WORD = /^\p{L}+\d{1,4}$/u;
/** Words that mark a name as made up. */
const TEST_WORDS = new Set(
  (
    'test tester testing testpatient testuser patient example sample demo doe roe fake dummy mock ' +
    'synthetic anonymous unknown placeholder zztest xxtest foo bar baz lorem ipsum nobody'
  ).split(' '),
);

/** A name next to a name label. Only labelled values: capitalised words are everywhere. */
export function checkName(raw: string): Hit | null {
  const v = raw.trim();
  if (v.length < 2 || v.length > 80) return null;
  const words = v.split(/[\s,^]+/).filter(Boolean);
  if (words.length > 0 && words.every((w) => SYNTHEA_WORD.test(w)))
    return hit('name', v, { synthetic: 'a Synthea-generated name (digit suffixes)' });
  if (!NAME.test(v)) return null;
  const test = words.find((w) => TEST_WORDS.has(w.toLowerCase().replace(/[^a-z]/g, '')));
  if (test) return hit('name', v, { synthetic: `a test name ("${test}")` });
  return hit('name', v);
}
