/**
 * How a large line-based data file is cut into parts that two threads share (data-ahead.ts), in
 * the file's bytes: `"` and newline are single bytes in UTF-8 that never occur inside a multi-byte
 * character, so every part decodes as it does within the whole file, and line numbers count
 * newlines as `splitLines` does.
 *
 * Parts are claimed, not assigned: this thread takes them from the front, the helper from the
 * back, until they meet. Which thread is free first varies (the helper's start-up, code this
 * thread analyses first, a busy machine); with halves fixed in advance one thread waited for the
 * other (measured: 0.15 s of a 60 MB CSV's 1.6 s scan).
 */
import { isLeadingComment } from '../lang/data/csv.js';
import type { DocKind } from '../lang/documents.js';

/** About this much of a file per part: small enough to balance, large enough that set-up is noise. */
export const PART_BYTES = 4 * 1024 * 1024;

export interface DataParts {
  /** Bytes of the head: the lines up to and including the first row, which may be the header. */
  headEnd: number;
  /** Byte where each part starts (the first is 0); each starts a line and a record. */
  starts: number[];
  /** 1-based line where each part starts. */
  lines: number[];
}

/**
 * Cut where a line starts near each multiple of `partBytes`, moving down in CSV until the quotes
 * before the cut balance (a quoted field may span lines). Every part after the first starts past
 * the head. Null when that leaves one part (a long comment banner, a file of one row).
 */
export function splitParts(bytes: Uint8Array, kind: DocKind, partBytes = PART_BYTES): DataParts | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const quoted = kind !== 'ndjson';
  const quotes = new ByteCounter(buf, QUOTE);
  const newlines = new ByteCounter(buf, NEWLINE);
  let headEnd = quoted ? firstRowEnd(buf) : 0;
  while (quoted && quotes.before(headEnd) % 2 === 1 && headEnd < buf.length)
    headEnd = nextLineStart(buf, headEnd);
  const count = Math.max(2, Math.round(buf.length / partBytes));
  const parts: DataParts = { headEnd, starts: [0], lines: [1] };
  for (let k = 1; k < count; k++) {
    const last = parts.starts[parts.starts.length - 1]!;
    // Past the head and the last cut, so that the counters only move forward.
    let start = nextLineStart(buf, Math.max(last, headEnd, Math.floor((buf.length * k) / count) - 1));
    while (quoted && quotes.before(start) % 2 === 1 && start < buf.length) start = nextLineStart(buf, start);
    if (start >= buf.length) break;
    parts.starts.push(start);
    parts.lines.push(newlines.before(start) + 1);
  }
  return parts.starts.length > 1 ? parts : null;
}

/** Where part `k` ends: the next part's start, or the end of the file. */
export function partEnd(parts: DataParts, k: number, length: number): number {
  return parts.starts[k + 1] ?? length;
}

/**
 * The parts still unclaimed, shared by both threads in one 32-bit word so that a claim is one
 * compare-and-swap: the next part from the front in the low 16 bits, one past the next from the
 * back in the high ones.
 */
export function newClaims(parts: number): Int32Array {
  const claims = new Int32Array(new SharedArrayBuffer(4));
  claims[0] = parts << 16;
  return claims;
}

/** The next part from the front, or -1 when none is left. */
export function claimFirst(claims: Int32Array): number {
  return claim(claims, false);
}

/** The next part from the back, or -1 when none is left. */
export function claimLast(claims: Int32Array): number {
  return claim(claims, true);
}

function claim(claims: Int32Array, fromBack: boolean): number {
  for (;;) {
    const v = Atomics.load(claims, 0);
    const next = v & 0xffff;
    const end = v >>> 16;
    if (next >= end) return -1;
    const left = fromBack ? ((end - 1) << 16) | next : (end << 16) | (next + 1);
    if (Atomics.compareExchange(claims, 0, v, left) === v) return fromBack ? end - 1 : next;
  }
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Where the line after the first row ends: the first line a CSV reader takes as a row is not
 * blank and not a leading comment (as `eachRow`). 0 when there is no row.
 */
function firstRowEnd(buf: Buffer): number {
  // The document's text has no byte-order mark: the decoder drops it.
  let at = buf.subarray(0, 3).equals(BOM) ? 3 : 0;
  while (at < buf.length) {
    const next = nextLineStart(buf, at);
    let line = buf.toString('utf8', at, next);
    if (line.endsWith('\n')) line = line.slice(0, -1);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line !== '' && !isLeadingComment(line)) return next;
    at = next;
  }
  return 0;
}

function nextLineStart(buf: Buffer, at: number): number {
  const nl = buf.indexOf(NEWLINE, at);
  return nl < 0 ? buf.length : nl + 1;
}

/** Occurrences of one byte before a position, for positions that only move forward. */
class ByteCounter {
  private at = 0;
  private n = 0;
  constructor(
    private readonly buf: Buffer,
    private readonly byte: number,
  ) {}

  before(pos: number): number {
    for (
      let i = this.buf.indexOf(this.byte, this.at);
      i >= 0 && i < pos;
      i = this.buf.indexOf(this.byte, i + 1)
    )
      this.n++;
    this.at = Math.max(this.at, pos);
    return this.n;
  }
}
