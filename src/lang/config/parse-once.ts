/**
 * Parsing a configuration file once per scan, however many rules read it. The document pass hands
 * each rule a context with `memo` (shared across rules) and `parseError` (one diagnostic per
 * file); this module only needs that much of it, so the parsers here do not depend on rules/.
 */
import type { Document } from '../documents.js';

export interface ParseHost {
  readonly doc: Document;
  memo<T>(key: string, build: () => T): T;
  parseError(message: string, line?: number): void;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; line?: number };

export function parsed<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function failed<T>(message: string, line?: number): Parsed<T> {
  return line === undefined ? { ok: false, message } : { ok: false, message, line };
}

/**
 * The parsed form of the host's document under `what` (e.g. `nginx`), built on first use. A file
 * that does not parse yields null and one parse-error diagnostic; every rule then skips it.
 */
export function parseOnce<T>(host: ParseHost, what: string, parse: (doc: Document) => Parsed<T>): T | null {
  const result = host.memo(`${what}:${host.doc.file}`, () => parse(host.doc));
  if (result.ok) return result.value;
  host.parseError(result.message, result.line);
  return null;
}
