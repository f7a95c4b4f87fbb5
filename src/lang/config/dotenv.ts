/**
 * `.env` files. Values come from dotenv's own parser, so quoting, `export`, inline comments and
 * multi-line values mean what they mean to the application that loads the file. dotenv returns a
 * plain object without positions, so each key is found again on the line that defines it (the last
 * one wins, as in dotenv). Lines that are not assignments are what dotenv silently skips; they are
 * reported as a parse error because the file then is not what its author thinks it is.
 */
import type * as Dotenv from 'dotenv';
import { lazyRequire } from '../lazy.js';
import type { Document } from '../documents.js';
import { failed, parsed, type Parsed } from './parse-once.js';

const dotenv = lazyRequire<typeof Dotenv>('dotenv');

export interface EnvEntry {
  name: string;
  value: string;
  line: number;
  /** 1-based column of the value's first character on its line. */
  column: number;
  /** Column just past the value as written on that line (quotes included, inline comment not). */
  endColumn: number;
}

const ASSIGNMENT = /^\s*(?:export\s+)?([\w.-]+)\s*[=:]\s*/;
const BARE_KEY = /^\s*(?:export\s+)?[\w.-]+\s*$/;

export function parseDotenv(doc: Document): Parsed<EnvEntry[]> {
  const values = dotenv().parse(doc.text);
  const where = new Map<string, { line: number; column: number; endColumn: number }>();
  let openQuote: string | null = null;
  for (const [i, text] of doc.lines.entries()) {
    if (openQuote) {
      if (text.includes(openQuote)) openQuote = null;
      continue;
    }
    // A bare `KEY` passes the variable through from the environment in Docker and compose env files.
    if (!text.trim() || text.trim().startsWith('#') || BARE_KEY.test(text)) continue;
    const m = ASSIGNMENT.exec(text);
    if (!m) return failed(`.env: line ${i + 1} is not KEY=value`, i + 1);
    const rest = text.slice(m[0].length);
    const q = rest[0];
    const quoted = q === '"' || q === "'" || q === '`';
    const close = quoted ? rest.indexOf(q, 1) : -1;
    if (quoted && close < 0) openQuote = q;
    const comment = rest.search(/\s#/);
    const width = quoted
      ? close < 0
        ? rest.length
        : close + 1
      : (comment < 0 ? rest : rest.slice(0, comment)).trimEnd().length;
    where.set(m[1]!, { line: i + 1, column: m[0].length + 1, endColumn: m[0].length + 1 + width });
  }
  const out: EnvEntry[] = [];
  for (const [name, value] of Object.entries(values)) {
    const at = where.get(name);
    if (at) out.push({ name, value, ...at });
  }
  return parsed(out.sort((a, b) => a.line - b.line));
}
