import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Diagnostic } from '../core/finding.js';
import { decodeFileStart } from '../lang/utf8.js';
import type { SourceFile } from './walk.js';

export type ContentClass = 'ok' | 'minified' | 'generated';

// Bundler output names: findings there point at code nobody edits, and the sources are scanned anyway.
const MINIFIED_NAME = /\.(?:min|bundle)\.[cm]?js$/i;
// `@generated` (Meta, Relay, protobuf-ts), Go's `Code generated ... DO NOT EDIT.`, and the common
// `DO NOT EDIT` banner. Only the head of the file counts: a marker deeper in is usually a string.
const GENERATED_MARKER = /@generated\b|\bDO NOT EDIT\b|\bCode generated\b/;
const HEAD_LINES = 5;
const MIN_AVERAGED_SIZE = 5000;

/**
 * Whether a file is worth analysing. Minified and generated code produce findings no one can act on
 * (and minified code is slow to parse), so the caller skips them and counts them as skipped.
 */
export function classifyContent(rel: string, text: string): ContentClass {
  if (MINIFIED_NAME.test(rel)) return 'minified';

  let lines = 0;
  let longest = 0;
  let start = 0;
  let head = '';
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    // A trailing newline does not start another line.
    if (end === text.length && start === text.length && lines > 0) break;
    lines++;
    longest = Math.max(longest, end - start);
    if (lines <= HEAD_LINES) head += text.slice(start, Math.min(end, start + 1000)) + '\n';
    start = end + 1;
  }

  if (GENERATED_MARKER.test(head)) return 'generated';
  // Hand-written code has short lines. A few huge lines, or a high average line length, is what
  // minifiers emit (a license banner, one long line, a sourcemap comment). The average test needs a
  // file of some size: a short file whose one long line is a literal (a PEM key, a token) is exactly
  // what the secrets rules must see.
  if (longest > 5000 && lines < 5) return 'minified';
  if (lines > 1 && text.length > MIN_AVERAGED_SIZE && text.length / lines > 300) return 'minified';
  return 'ok';
}

/** Binary content, by the same test git and grep use: a NUL byte in the first 8 KB. */
export function isBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8192).includes(0);
}

export type ReadSourceResult =
  { text: string } | { bytes: Buffer } | { diagnostic: Diagnostic } | { skip: 'minified' | 'generated' };

export interface ReadOptions {
  /** False for documents: they keep long lines, which data has legitimately. */
  code: boolean;
  /**
   * Read into a SharedArrayBuffer and show the bytes to `onBytes` before they are decoded: a
   * helper thread can then work on them at once, with no copy (scan/data-ahead.ts). When it
   * returns true it has taken them: the result is the bytes, not decoded.
   */
  onBytes?: (bytes: Buffer) => boolean;
}

/** Reads a file as text. */
export function readSource(file: SourceFile, opts: ReadOptions = { code: true }): ReadSourceResult {
  let buf: Buffer;
  try {
    buf = opts.onBytes ? readShared(file.abs) : readFileSync(file.abs);
  } catch (err) {
    return {
      diagnostic: { file: file.rel, kind: 'unreadable', message: `cannot read file: ${reason(err)}` },
    };
  }
  // UTF-16 text is full of NUL bytes; say what it is rather than calling it binary.
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    return {
      diagnostic: {
        file: file.rel,
        kind: 'binary',
        message: 'file is UTF-16 encoded; only UTF-8 is scanned',
      },
    };
  }
  if (isBinary(buf)) {
    return {
      diagnostic: {
        file: file.rel,
        kind: 'binary',
        message: 'binary file (contains NUL bytes); not scanned',
      },
    };
  }
  if (opts.onBytes?.(buf)) return { bytes: buf };
  const text = decodeFileStart(buf);
  if (!opts.code) return { text };
  const kind = classifyContent(file.rel, text);
  return kind === 'ok' ? { text } : { skip: kind };
}

/** A file's bytes in memory that worker threads can be handed without a copy. */
export function readShared(abs: string): Buffer {
  const fd = openSync(abs, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.from(new SharedArrayBuffer(size));
    let n = 0;
    // A file that shrinks while it is read ends early; one that grows is read to its first size.
    for (let got = 1; n < size && got > 0; n += got) got = readSync(fd, buf, n, size - n, n);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'file was removed during the scan';
  if (code === 'EISDIR') return 'is a folder';
  return err instanceof Error ? err.message : String(err);
}
