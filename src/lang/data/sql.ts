/**
 * SQL dumps: `INSERT INTO t (cols) VALUES (…), (…);` (pg_dump --inserts, mysqldump, seed scripts)
 * and PostgreSQL `COPY t (cols) FROM stdin;` blocks. Column lists label the values; an INSERT
 * without one takes the columns of the table's CREATE TABLE earlier in the dump. No SQL parser is
 * a dependency and only literal tuples matter, so this reads just those: quoted strings with ''
 * and backslash escapes, numbers, NULL, and nested parentheses skipped as one value.
 */
import { markOfText } from '../../analysis/identifiers/marks.js';
import { leadingComments, lineLocator, type DataFile, type DataRecord } from './records.js';

const INSERT =
  /\bINSERT\s+(?:IGNORE\s+)?INTO\s+((?:[`"[]?[\w$]+[`"\]]?\.)?[`"[]?[\w$]+[`"\]]?)\s*(?:\(([^)]*)\))?\s*VALUES\s*/gi;
const CREATE =
  /\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?((?:[`"[]?[\w$]+[`"\]]?\.)?[`"[]?[\w$]+[`"\]]?)\s*\(/gi;
const COPY = /^COPY\s+((?:"?[\w$]+"?\.)?"?[\w$]+"?)\s*\(([^)]*)\)\s+FROM\s+stdin;?\s*$/gim;

export function readSql(text: string): DataFile {
  const banner = leadingComments(text);
  return {
    fileMark: banner ? markOfText(banner) : null,
    forEach(visit) {
      const lineAt = lineLocator(text);
      const tables = createdTables(text);
      const found: DataRecord[] = [];
      for (const m of text.matchAll(INSERT)) {
        const labels = m[2] !== undefined ? columnList(m[2]) : (tables.get(bare(m[1]!)) ?? []);
        for (const t of tuples(text, m.index + m[0].length)) {
          found.push({
            line: lineAt(t.at),
            labels: pad(labels, t.values.length),
            values: t.values,
            marks: [],
          });
        }
      }
      for (const m of text.matchAll(COPY)) {
        const labels = columnList(m[2]!);
        let at = m.index + m[0].length + 1;
        while (at < text.length) {
          let end = text.indexOf('\n', at);
          if (end < 0) end = text.length;
          const row = text.slice(at, end).replace(/\r$/, '');
          if (row === '\\.') break;
          const values = row.split('\t').map((v) => (v === '\\N' ? '' : v.replace(/\\(.)/g, '$1')));
          found.push({ line: lineAt(at), labels: pad(labels, values.length), values, marks: [] });
          at = end + 1;
        }
      }
      found.sort((a, b) => a.line - b.line).forEach(visit);
    },
  };
}

function bare(name: string): string {
  return name
    .replace(/[`"[\]]/g, '')
    .split('.')
    .pop()!
    .toLowerCase();
}

function columnList(list: string): string[] {
  return list.split(',').map((c) => c.trim().replace(/[`"[\]]/g, ''));
}

function pad(labels: readonly string[], n: number): (string | null)[] {
  return Array.from({ length: n }, (_, i) => labels[i] ?? null);
}

/** Column names of every CREATE TABLE: the first word of each top-level definition. */
function createdTables(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of text.matchAll(CREATE)) {
    const body = balanced(text, m.index + m[0].length - 1);
    if (body === null) continue;
    const cols = splitTopLevel(body)
      .map((d) => /^\s*[`"[]?([\w$]+)[`"\]]?\s+\w/.exec(d)?.[1])
      .filter((c): c is string => !!c && !/^(primary|unique|constraint|foreign|key|index|check)$/i.test(c));
    out.set(bare(m[1]!), cols);
  }
  return out;
}

/** The text inside the parentheses opening at `open`, or null if they never close. */
function balanced(text: string, open: number): string | null {
  let depth = 0;
  let quote = '';
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return null;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(body.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(body.slice(from));
  return parts;
}

interface Tuple {
  at: number;
  values: string[];
}

/** The value tuples of one INSERT, from just after VALUES to the statement's end. */
function* tuples(text: string, from: number): Generator<Tuple> {
  let i = from;
  for (;;) {
    while (i < text.length && /[\s,]/.test(text[i]!)) i++;
    if (text[i] !== '(') return;
    const at = i;
    const values: string[] = [];
    i++;
    for (;;) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      const [value, next] = readValue(text, i);
      values.push(value);
      i = next;
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (text[i] === ',') i++;
      else if (text[i] === ')') {
        i++;
        break;
      } else return;
    }
    yield { at, values };
  }
}

/** One literal: a quoted string (unescaped), or everything up to the next top-level , or ). */
function readValue(text: string, i: number): [string, number] {
  if (text[i] === 'E' && text[i + 1] === "'") i++;
  if (text[i] === "'") {
    let out = '';
    for (let j = i + 1; j < text.length; j++) {
      const ch = text[j]!;
      if (ch === '\\') {
        out += text[++j] ?? '';
      } else if (ch === "'") {
        if (text[j + 1] === "'") {
          out += "'";
          j++;
        } else return [out, j + 1];
      } else out += ch;
    }
    return [out, text.length];
  }
  let depth = 0;
  let j = i;
  for (; j < text.length; j++) {
    const ch = text[j];
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) break;
      depth--;
    } else if (ch === ',' && depth === 0) break;
  }
  const raw = text.slice(i, j).trim();
  return [/^null$/i.test(raw) ? '' : raw, j];
}
