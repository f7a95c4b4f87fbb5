/**
 * Large data files are searched in parts on two threads (scan/data-ahead.ts): the merged result
 * must be the whole file's, wherever the cuts fall and whichever thread scans which part. Reading
 * parts is tested from sources; the helper thread itself only exists in the built package (dist/,
 * built by npm test).
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeScans, scanDataFile } from '../../src/analysis/identifiers/scan-data.js';
import { readDelimited } from '../../src/lang/data/csv.js';
import { readNdjson } from '../../src/lang/data/json.js';
import { makeDocument, splitLines } from '../../src/lang/documents.js';
import { findDocumentSecrets } from '../../src/rules/support/secrets-in-documents.js';
import { mergeParts, type PartResult } from '../../src/scan/data-ahead.js';
import { scanClaimedParts } from '../../src/scan/data-part-scan.js';
import { claimFirst, claimLast, newClaims, splitParts } from '../../src/scan/data-parts.js';
import type { DataFile } from '../../src/lang/data/records.js';

const DIST = path.resolve(import.meta.dirname, '../../dist');

const REAL = [
  '00481516,Maria,Gonzalez,1958-03-14,412-68-2291,(617) 432-1187',
  '00481523,James,Okafor,1971-11-02,523-19-4408,(508) 261-7734',
  '"00481530","Lan ""Lucy"" Tran",Nguyen,1964-07-21,318-40-1156,(413) 555-2290',
];
const SYNTHETIC = ['TEST-0001,Jacinto644,Kris249,1958-03-14,900-12-0001,(617) 555-0101'];
const HEADER = 'mrn,first_name,last_name,dob,ssn,phone';
/** A quoted note spanning lines: a split inside it must move past it. */
const MULTILINE = '00481547,Rosa,Diaz,1949-02-11,212-30-8841,"(617) 432-0099\nsecond line, still the note\n"';

function csvText(rows: string[], header: boolean): string {
  return (header ? `# export of 2024-05\n${HEADER}\n` : '') + rows.join('\n') + '\n';
}

/** The scan of a file read as two parts split before line `at`, merged. */
function splitScan(read: () => DataFile, at: number) {
  const first = read();
  const a = scanDataFile(first, { from: 1, to: at });
  const b = scanDataFile(read(), { from: at, to: Infinity });
  return { merged: mergeScans(a, b), headerLine: first.headerLine };
}

describe('reading a data file in two parts', () => {
  it('gives the whole file’s scan for every split line of CSV and NDJSON', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...REAL, ...SYNTHETIC, MULTILINE, ''), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.nat(),
        (rows, header, pick) => {
          const text = csvText(rows, header);
          const lines = splitLines(text);
          const read = (): DataFile => readDelimited(text, ',', lines);
          const whole = read();
          const scan = scanDataFile(whole);
          // Splits only where a record starts (data-ahead moves the split until quotes balance) and
          // after the first row, which this thread reads for the header.
          const firstRow = lines.findIndex((l) => l !== '' && !l.startsWith('#')) + 1;
          const quotesBefore = (l: number): number =>
            lines
              .slice(0, l - 1)
              .join('\n')
              .split('"').length - 1;
          const starts = [...Array(lines.length).keys()]
            .map((i) => i + 1)
            .filter((l) => l > firstRow && quotesBefore(l) % 2 === 0);
          if (starts.length === 0) return;
          const at = starts[pick % starts.length]!;
          const { merged, headerLine } = splitScan(read, at);
          expect(merged).toEqual(scan);
          expect(headerLine).toBe(whole.headerLine);
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...REAL, ...SYNTHETIC), { minLength: 1 }),
        fc.nat(),
        (rows, pick) => {
          const text =
            rows
              .map((r) => {
                const [mrn, given, family, dob, ssn] = r.split(',');
                return JSON.stringify({ mrn, name: `${given} ${family}`, birthDate: dob, ssn });
              })
              .join('\n') + '\n';
          const lines = splitLines(text);
          const at = (pick % lines.length) + 1;
          expect(splitScan(() => readNdjson(text, lines), at).merged).toEqual(
            scanDataFile(readNdjson(text, lines)),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Rows of every shape a cut must respect: quoted fields spanning lines, comments, non-ASCII. */
const ROWS = [...REAL, ...SYNTHETIC, MULTILINE, '', '# note', 'Zoë,Ñuñez,"x"'];

/** A file's bytes as written with these line ends and an optional byte-order mark. */
const fileBytes = (text: string, eol: string, bom: string): Buffer =>
  Buffer.from(bom + text.replace(/\n/g, eol));

describe('where a large file is cut into parts (splitParts)', () => {
  it('cuts at the start of a record past the first row, at the line the text numbers it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ROWS), { minLength: 1, maxLength: 24 }),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('', '\uFEFF'),
        fc.constantFrom('csv' as const, 'ndjson' as const),
        fc.integer({ min: 8, max: 400 }),
        (rows, header, eol, bom, kind, partBytes) => {
          const bytes = fileBytes(csvText(rows, header), eol, bom);
          const text = new TextDecoder().decode(bytes);
          const lines = splitLines(text);
          const parts = splitParts(bytes, kind, partBytes);
          if (!parts) return;
          const { headEnd, starts } = parts;
          expect(starts[0]).toBe(0);
          expect(parts.lines[0]).toBe(1);
          expect(bytes[headEnd - 1] ?? 10).toBe(10);
          const quotes = (b: Buffer): number => b.toString('latin1').split('"').length - 1;
          for (let k = 1; k < starts.length; k++) {
            expect(starts[k]).toBeGreaterThan(Math.max(headEnd, starts[k - 1]!));
            expect(starts[k]).toBeLessThan(bytes.length);
            // The part is the text from its line on.
            const before = lines.slice(0, parts.lines[k]! - 1).map((l) => l + eol);
            const rest = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(starts[k]));
            expect(text.slice(before.join('').length)).toBe(rest);
            // In CSV, quotes balance before each cut: no part starts inside a quoted field.
            if (kind === 'csv') expect(quotes(bytes.subarray(0, starts[k])) % 2).toBe(0);
          }
          if (kind === 'csv') {
            expect(quotes(bytes.subarray(0, headEnd)) % 2).toBe(0);
            // The head holds the first row, if any comes before the first cut: it is the first
            // line that is neither blank nor a comment.
            const isRow = (l: string): boolean => l !== '' && !l.startsWith('#');
            const head = new TextDecoder().decode(bytes.subarray(0, headEnd));
            expect(splitLines(head).some(isRow)).toBe(lines.slice(0, parts.lines[1]! - 1).some(isRow));
          } else expect(headEnd).toBe(0);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives the whole file’s scan and secrets whichever thread claims which part', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(...ROWS, '00481600,Ana,Silva,1980-01-01,219-09-9998,sk_live_' + 'Zx9'.repeat(10)),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('', '\uFEFF'),
        fc.integer({ min: 16, max: 300 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (rows, eol, bom, partBytes, turns) => {
          const bytes = fileBytes(csvText(rows, true), eol, bom);
          const parts = splitParts(bytes, 'csv', partBytes);
          if (!parts) return;
          const doc = makeDocument('/x/p.csv', 'p.csv', 'csv', new TextDecoder().decode(bytes));
          const job = {
            file: 'p.csv',
            kind: 'csv' as const,
            bytes,
            ...parts,
            claims: newClaims(parts.starts.length),
          };
          // Each turn, one side claims one part: this thread from the front, the helper from the back.
          const mine: PartResult[] = [];
          const theirs: PartResult[] = [];
          for (let turn = 0; ; turn++) {
            const front = turns[turn % turns.length]!;
            let k = front ? claimFirst(job.claims) : claimLast(job.claims);
            if (k < 0) break;
            const once = (): number => {
              const v = k;
              k = -1;
              return v;
            };
            const r = scanClaimedParts(job, once);
            if ('failed' in r) throw new Error(r.failed);
            (front ? mine : theirs).push(...r.parts);
          }
          expect(mine.length + theirs.length).toBe(parts.starts.length);
          const merged = mergeParts([...mine, ...theirs])!;
          expect(merged).not.toBeNull();
          const whole = readDelimited(doc.text, ',', doc.lines);
          expect(merged.scan).toEqual(scanDataFile(whole));
          expect(merged.headerLine).toBe(whole.headerLine);
          expect(merged.secrets).toEqual(findDocumentSecrets(doc));
        },
      ),
      { numRuns: 300 },
    );
  });
});

interface AheadModule {
  DataAhead: {
    start(files: { rel: string; size: number }[]): {
      offer(file: string, kind: string, bytes: Uint8Array): boolean;
      begin(): void;
      finish(): Promise<Map<string, unknown>>;
    } | null;
  };
  DATA_AHEAD_MIN_BYTES: number;
}

describe('data helper thread', () => {
  it.each([
    ['\n', ''],
    ['\r\n', ''],
    ['\n', '\uFEFF'],
  ])(
    'finds in a large CSV (%j line ends, %j first) what one thread finds: counts, first record, header, secrets',
    async (eol, bom) => {
      const { DataAhead, DATA_AHEAD_MIN_BYTES } = (await import(
        path.join(DIST, 'scan/data-ahead.js')
      )) as AheadModule;
      const { makeDocument } = (await import(path.join(DIST, 'lang/documents.js'))) as {
        makeDocument: (
          abs: string,
          file: string,
          kind: string,
          text: string,
        ) => { lines: string[]; text: string };
      };
      const { scanDataFile: distScan, dataScanKey } = (await import(
        path.join(DIST, 'analysis/identifiers/scan-data.js')
      )) as { scanDataFile: typeof scanDataFile; dataScanKey: (f: string) => string };
      const { findDocumentSecrets, documentSecretsKey } = (await import(
        path.join(DIST, 'rules/support/secrets-in-documents.js')
      )) as { findDocumentSecrets: (d: unknown) => unknown[]; documentSecretsKey: (f: string) => string };
      const { readDelimited: distRead } = (await import(path.join(DIST, 'lang/data/csv.js'))) as {
        readDelimited: typeof readDelimited;
      };

      // Synthetic rows, then real ones only in the second half (the first real record's line must be
      // the file's, not the helper's), a quoted note spanning the middle, and a token in each half.
      const rows: string[] = [];
      let size = 0;
      for (let i = 0; size < DATA_AHEAD_MIN_BYTES * 0.55; i++) {
        const r = SYNTHETIC[0]!.replace('0001', String(i % 10000).padStart(4, '0'));
        rows.push(r);
        size += r.length + 1;
      }
      rows[10] += ',ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
      const middle = rows.length;
      rows.push(MULTILINE, MULTILINE);
      for (let i = 0; size < DATA_AHEAD_MIN_BYTES * 1.1; i++) {
        const r = REAL[i % REAL.length]!;
        rows.push(r);
        size += r.length + 1;
      }
      rows.push('00481600,Ana,Silva,1980-01-01,219-09-9999,(617) 432-7777,sk_live_' + 'Zx9'.repeat(10));
      // Every record of the second half starts with U+FEFF, so the helper's part does: there it is
      // a character of the text, which its decoder must keep (the token's column shows it).
      for (let i = middle; i < rows.length; i++)
        if (!rows[i]!.startsWith('"')) rows[i] = '\uFEFF' + rows[i] + ',glpat-' + 'Qw3rTy7uIo9pAs2dFg4h';
      const written = path.join(mkdtempSync(path.join(tmpdir(), 'caregate-ahead-')), 'patients.csv');
      writeFileSync(written, bom + csvText(rows, true).replace(/\n/g, eol));
      // As the scan reads it: bytes shared with the helper, which each thread decodes part by part.
      const { readShared } = (await import(path.join(DIST, 'scan/content.js'))) as {
        readShared: (abs: string) => Buffer;
      };
      const bytes = readShared(written);
      expect(bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
      const ahead = DataAhead.start([{ rel: 'patients.csv', size: bytes.length }]);
      expect(ahead).not.toBeNull();
      expect(ahead!.offer('patients.csv', 'csv', bytes)).toBe(true);
      ahead!.begin();
      const memo = await ahead!.finish();
      const text = new TextDecoder().decode(bytes);
      const doc = makeDocument(written, 'patients.csv', 'csv', text);
      rmSync(path.dirname(written), { recursive: true, force: true });
      const got = memo.get(dataScanKey('patients.csv')) as { scan: unknown; headerLine?: number };
      expect(got).toBeDefined();
      const file = distRead(text, ',', doc.lines);
      expect(got.scan).toEqual(distScan(file));
      expect(got.headerLine).toBe(2);
      expect((got.scan as { verdict: { firstLine: number } }).verdict.firstLine).toBeGreaterThan(middle);
      const secrets = memo.get(documentSecretsKey('patients.csv')) as { line: number }[];
      expect(secrets).toEqual(findDocumentSecrets(doc));
      expect(secrets[0]!.line).toBe(13);
      expect(secrets.at(-1)!.line).toBe(doc.lines.length - 1);
    },
    60_000,
  );
});
