/**
 * Large data files are searched in two parts on two threads (scan/data-ahead.ts): the merged
 * result must be the whole file's, wherever the split falls. Reading parts by line range is tested
 * from sources; the helper thread itself only exists in the built package (dist/, built by npm test).
 */
import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeScans, scanDataFile } from '../../src/analysis/identifiers/scan-data.js';
import { readDelimited } from '../../src/lang/data/csv.js';
import { readNdjson } from '../../src/lang/data/json.js';
import { splitLines } from '../../src/lang/documents.js';
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

interface AheadModule {
  DataAhead: {
    start(files: { rel: string; size: number }[]): {
      begin(docs: unknown[]): void;
      finish(): Promise<Map<string, unknown>>;
    } | null;
  };
  DATA_AHEAD_MIN_BYTES: number;
}

describe('data helper thread', () => {
  it.each(['\n', '\r\n'])(
    'finds in a large CSV (%j line ends) what one thread finds: counts, first record, header, secrets',
    async (eol) => {
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
      const text = csvText(rows, true).replace(/\n/g, eol);
      const doc = makeDocument('/x/patients.csv', 'patients.csv', 'csv', text);

      const ahead = DataAhead.start([{ rel: 'patients.csv', size: text.length }]);
      expect(ahead).not.toBeNull();
      ahead!.begin([doc]);
      const memo = await ahead!.finish();
      const got = memo.get(dataScanKey('patients.csv')) as { scan: unknown; file: { headerLine?: number } };
      expect(got).toBeDefined();
      const file = distRead(text, ',', doc.lines);
      expect(got.scan).toEqual(distScan(file));
      expect(got.file.headerLine).toBe(2);
      expect((got.scan as { verdict: { firstLine: number } }).verdict.firstLine).toBeGreaterThan(middle);
      const secrets = memo.get(documentSecretsKey('patients.csv')) as { line: number }[];
      expect(secrets).toEqual(findDocumentSecrets(doc));
      expect(secrets.map((s) => s.line)).toEqual([13, doc.lines.length - 1]);
    },
    60_000,
  );
});
