/**
 * CSV and TSV. The header row labels the columns.
 *
 * csv-parse is the parser, but its per-call set-up makes it slow on a row at a time (measured here:
 * 26 MB/s over a whole file, 6 MB/s when a quarter of the rows are parsed one by one), half of the
 * throughput the scanner needs on large exports. So a row that fits on one line is split here: on
 * the delimiter when it has no quote, with RFC 4180 quoting otherwise (test/analysis/identifiers
 * checks the split against csv-parse on random rows). A row whose quoted field spans lines, or
 * whose quoting is irregular, goes to csv-parse.
 */
import type * as CsvParse from 'csv-parse/sync';
import type { Options } from 'csv-parse/sync';
import { lazyRequire } from '../lazy.js';
import { detectUnlabelled } from '../../analysis/identifiers/detect.js';
import { labelCategory } from '../../analysis/identifiers/labels.js';
import { markOfText } from '../../analysis/identifiers/marks.js';
import { DataParseError, leadingComments, type DataFile, type LineRange } from './records.js';

const csvParse = lazyRequire<typeof CsvParse>('csv-parse/sync');

export function readDelimited(text: string, delimiter: ',' | '\t', lines?: readonly string[]): DataFile {
  const banner = leadingComments(text);
  const fileMark = banner ? markOfText(banner) : null;
  const file: DataFile = {
    fileMark,
    splittable: true,
    forEach(visit, range) {
      let header: readonly (string | null)[] | null = null;
      eachRow(lines ?? text.split('\n'), delimiter, range, (line, cells) => {
        if (header === null) {
          if (looksLikeHeader(cells)) {
            header = cells.map((c) => c.trim());
            file.headerLine = line;
            return;
          }
          header = cells.map(() => null);
        }
        if (!range || (line >= range.from && line < range.to))
          visit({ line, labels: header, values: cells, marks: NO_MARKS });
      });
    },
  };
  return file;
}

const NO_MARKS: readonly string[] = [];

/**
 * Each row with its first line; comment lines before the header and blank lines are skipped. With
 * a range, the first row (the header, perhaps) and the rows starting in the range are read, and
 * the lines between them skipped: `range.from` starts a record (data-parts.ts cuts where the
 * quotes before balance), so no quoted field spans the gap.
 */
function eachRow(
  lines: readonly string[],
  delimiter: string,
  range: LineRange | undefined,
  visit: (line: number, cells: string[]) => void,
): void {
  let sawData = false;
  const end = range ? Math.min(lines.length, range.to - 1) : lines.length;
  for (let i = 0; i < end; i++) {
    if (sawData && range && i < range.from - 1) {
      i = range.from - 1;
      if (i >= end) break;
    }
    let s = lines[i]!;
    if (s.endsWith('\r')) s = s.slice(0, -1);
    if (s === '' || (!sawData && isLeadingComment(s))) continue;
    sawData = true;
    if (!s.includes('"')) {
      visit(i + 1, s.split(delimiter));
      continue;
    }
    const quoted = countQuotes(s) % 2 === 0 ? splitQuotedRow(s, delimiter) : null;
    if (quoted) {
      visit(i + 1, quoted);
      continue;
    }
    // A quoted field may span lines: take lines until the quotes balance.
    const first = i + 1;
    let chunk = s;
    // Counted line by line: recounting the growing chunk made an unclosed quote quadratic (28 s
    // for a 12 MB export whose quote never closes).
    let quotes = countQuotes(chunk);
    while (quotes % 2 === 1 && i + 1 < lines.length) {
      const next = lines[++i]!;
      chunk += '\n' + next;
      quotes += countQuotes(next);
    }
    // Everything after it would be one field: say so, and let the file be read as text instead.
    if (quotes % 2 === 1)
      throw new DataParseError(
        // The line is the diagnostic's location: in the message, a six-digit line would be masked
        // as if it were an identifier.
        'invalid CSV: a quoted field starts on this line and never closes',
        first,
      );
    let parsed: string[][];
    try {
      const options: Options = { delimiter, relax_column_count: true, relax_quotes: true };
      parsed = csvParse().parse(chunk, options);
    } catch (err) {
      throw new DataParseError(`invalid CSV: ${err instanceof Error ? err.message : String(err)}`, first);
    }
    for (const cells of parsed) visit(first, cells);
  }
}

/**
 * One RFC 4180 row on one line: fields optionally in double quotes, `""` for a quote inside them.
 * Null when the quoting is irregular (a quote inside an unquoted field, text after a closing
 * quote): csv-parse decides those.
 */
export function splitQuotedRow(s: string, delimiter: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (s.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = s.indexOf('"', j);
        if (q < 0) return null;
        value += s.slice(j, q);
        if (s.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      out.push(value);
      if (i === s.length) return out;
      if (s[i] !== delimiter) return null;
      i++;
    } else {
      const k = s.indexOf(delimiter, i);
      const field = k < 0 ? s.slice(i) : s.slice(i, k);
      if (field.includes('"')) return null;
      out.push(field);
      if (k < 0) return out;
      i = k + 1;
    }
  }
}

/** A comment line before the first row (a generator's banner); later, `#` starts a value. */
export function isLeadingComment(line: string): boolean {
  return /^\s*(#|\/\/)/.test(line);
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n;
}

/** A first row is a header unless one of its cells is itself an identifier or a number. */
function looksLikeHeader(cells: readonly string[]): boolean {
  if (cells.some((c) => labelCategory(c.trim()) !== null)) return true;
  return cells.every((c) => {
    const t = c.trim();
    return t === '' || (/^[A-Za-z_][\w .()/#-]*$/.test(t) && detectUnlabelled(t) === null);
  });
}
