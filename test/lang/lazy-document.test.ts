/**
 * Large data files' documents are decoded from their bytes where a rule looks (lazy-document.ts):
 * every line, the line count and the text must be what decoding the whole file gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeDocument } from '../../src/lang/documents.js';
import { lazyDocument } from '../../src/lang/lazy-document.js';

/** Pieces of text where line ends and decoding can go wrong. */
const PIECES = ['a,b', '\n', '\r\n', '\r', '', 'Zoë', '\uFEFF', '{"x":1}', ' ', '日本'];
/** Bytes that are not UTF-8 on their own: a lone continuation byte, a truncated sequence. */
const BAD = [Buffer.from([0x80]), Buffer.from([0xe6, 0x97]), Buffer.from([0xff])];

const bytesOf = fc
  .array(
    fc.oneof(
      fc.constantFrom(...PIECES).map((p) => Buffer.from(p)),
      fc.constantFrom(...BAD),
    ),
    {
      maxLength: 30,
    },
  )
  .chain((parts) =>
    fc.boolean().map((bom) => Buffer.concat([...(bom ? [Buffer.from([0xef, 0xbb, 0xbf])] : []), ...parts])),
  );

describe('a document decoded where it is read', () => {
  it('gives the lines, count and text that decoding the whole file gives', () => {
    fc.assert(
      fc.property(bytesOf, fc.array(fc.nat(40), { maxLength: 8 }), (bytes, reads) => {
        const eager = makeDocument('/x/a.csv', 'a.csv', 'csv', new TextDecoder().decode(bytes));
        const lazy = lazyDocument('/x/a.csv', 'a.csv', 'csv', bytes);
        // Single lines first, in any order, before anything decodes the whole text.
        for (const i of reads) expect(lazy.lines[i]).toBe(eager.lines[i]);
        expect(lazy.lines.length).toBe(eager.lines.length);
        expect(lazy.lines[lazy.lines.length - 1]).toBe(eager.lines[eager.lines.length - 1]);
        expect(lazy.lines[-1]).toBeUndefined();
        expect([...lazy.lines]).toEqual(eager.lines);
        expect(lazy.lines.slice(1, 3)).toEqual(eager.lines.slice(1, 3));
        expect(lazy.text).toBe(eager.text);
        expect(Array.isArray(lazy.lines)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
