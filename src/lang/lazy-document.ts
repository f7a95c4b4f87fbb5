/**
 * A document read from its bytes only when something asks: a large data export that the data
 * helper threads search from the bytes themselves (scan/data-ahead.ts). Decoding and splitting a
 * 60 MB export cost this thread 0.2-0.4 s that the helper's parts never needed; the document
 * pass asks such a file for one line (where its finding points) and its line count.
 */
import { splitLines, type DocKind, type Document } from './documents.js';
import { decodeFileMiddle, decodeFileStart } from './utf8.js';

const NEWLINE = 0x0a;
const CR = 0x0d;

export function lazyDocument(abs: string, file: string, kind: DocKind, bytes: Uint8Array): Document {
  let text: string | undefined;
  const wholeText = (): string => (text ??= decodeFileStart(bytes));
  let all: string[] | undefined;
  const lines = byteLines(bytes, () => (all ??= splitLines(wholeText())));
  return {
    abs,
    file,
    kind,
    get text() {
      return wholeText();
    },
    lines,
  };
}

/**
 * The lines of `bytes` as `splitLines` gives them, as an array whose elements are decoded when
 * read. Its length and elements cost an index of line starts (one pass over the newlines); any
 * other use (a method, iteration) decodes and splits the whole text once (`materialize`).
 */
function byteLines(bytes: Uint8Array, materialize: () => string[]): readonly string[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let starts: number[] | undefined;
  const index = (): number[] => {
    if (starts) return starts;
    starts = [0];
    for (let i = buf.indexOf(NEWLINE); i >= 0; i = buf.indexOf(NEWLINE, i + 1)) starts.push(i + 1);
    return starts;
  };
  const line = (i: number): string | undefined => {
    const s = index();
    if (!(i >= 0 && i < s.length)) return undefined;
    const last = i === s.length - 1;
    let end = last ? buf.length : s[i + 1]! - 1;
    // `\r\n` ends a line; a `\r` on its own, as at the very end, is part of it.
    if (!last && end > s[i]! && buf[end - 1] === CR) end--;
    const piece = buf.subarray(s[i], end);
    return i === 0 ? decodeFileStart(piece) : decodeFileMiddle(piece);
  };
  return new Proxy<string[]>([], {
    get(target, p) {
      if (p === 'length') return index().length;
      if (isIndex(p)) return line(Number(p));
      const whole = materialize();
      const v: unknown = Reflect.get(whole, p, whole);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(whole) : v;
    },
    has(_target, p) {
      if (isIndex(p)) return Number(p) < index().length;
      return p === 'length' || Reflect.has(materialize(), p);
    },
    ownKeys() {
      return Reflect.ownKeys(materialize());
    },
    getOwnPropertyDescriptor(_target, p) {
      return Reflect.getOwnPropertyDescriptor(materialize(), p);
    },
  });
}

/** Whether a property key names an array element. */
function isIndex(p: string | symbol): boolean {
  return typeof p === 'string' && /^(0|[1-9]\d*)$/.test(p);
}
