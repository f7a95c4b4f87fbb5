import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaregateError } from '../../src/core/errors.js';
import { loadBaseline } from '../../src/scan/baseline.js';
import { removeDir, tempDir } from '../fixtures/plumbing/tree.js';

const fixtures = fileURLToPath(new URL('../fixtures/plumbing/baseline/', import.meta.url));

let dir: string;
beforeAll(() => {
  dir = tempDir('caregate-baseline-');
});
afterAll(() => {
  removeDir(dir);
});

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function rejected(file: string): CaregateError {
  try {
    loadBaseline(file);
  } catch (err) {
    if (err instanceof CaregateError) return err;
    throw err;
  }
  throw new Error('expected loadBaseline to throw');
}

describe('loadBaseline: accepted shapes', () => {
  it('reads fingerprints from a caregate JSON report', () => {
    expect(loadBaseline(path.join(fixtures, 'report.json'))).toEqual(
      new Set(['3f1c9a0e5b7d2c41', '9b2e77d04a1f6c38']),
    );
  });

  it("reads partialFingerprints['caregate/v1'] from SARIF, skipping other tools' results", () => {
    expect(loadBaseline(path.join(fixtures, 'report.sarif'))).toEqual(
      new Set(['3f1c9a0e5b7d2c41', '9b2e77d04a1f6c38']),
    );
  });

  it('accepts a clean report (no findings) as an empty baseline', () => {
    expect(loadBaseline(write('empty.json', { findings: [] }))).toEqual(new Set());
    expect(
      loadBaseline(write('empty.sarif', { version: '2.1.0', runs: [{ tool: {}, results: [] }] })),
    ).toEqual(new Set());
    expect(loadBaseline(write('noresults.sarif', { version: '2.1.0', runs: [{ tool: {} }] }))).toEqual(
      new Set(),
    );
  });

  it('tolerates a byte order mark (files written by some Windows tools)', () => {
    expect(loadBaseline(write('bom.json', '\uFEFF{"findings":[{"fingerprint":"abc"}]}'))).toEqual(
      new Set(['abc']),
    );
  });

  it('collects fingerprints across several runs and de-duplicates them', () => {
    const sarif = {
      version: '2.1.0',
      runs: [
        { results: [{ partialFingerprints: { 'caregate/v1': 'a' } }] },
        {
          results: [
            { partialFingerprints: { 'caregate/v1': 'b' } },
            { partialFingerprints: { 'caregate/v1': 'a' } },
          ],
        },
      ],
    };
    expect(loadBaseline(write('multi.sarif', sarif))).toEqual(new Set(['a', 'b']));
  });
});

describe('loadBaseline: rejected input names the file and the reason', () => {
  it('a missing file', () => {
    const file = path.join(dir, 'nope.json');
    const err = rejected(file);
    expect(err.code).toBe('CG_BASELINE_INVALID');
    expect(err.file).toBe(file);
    expect(err.message).toBe('baseline file does not exist');
  });

  it('a folder', () => {
    const folder = path.join(dir, 'folder.json');
    mkdirSync(folder);
    expect(rejected(folder).message).toMatch(/^baseline is a folder/);
  });

  it('invalid JSON', () => {
    const err = rejected(write('broken.json', '{"findings": [}'));
    expect(err.code).toBe('CG_BASELINE_INVALID');
    expect(err.message).toMatch(/^baseline is not valid JSON \(.+\)$/);
  });

  it('JSON of neither shape', () => {
    for (const [name, content] of [
      ['array.json', [1, 2]],
      ['object.json', { results: [] }],
      ['string.json', '"findings"'],
      ['null.json', 'null'],
    ] as const) {
      const err = rejected(write(name, content));
      expect(err.code, name).toBe('CG_BASELINE_INVALID');
      expect(err.message, name).toMatch(/^baseline is neither a caregate JSON report .* nor a SARIF log/);
    }
  });

  it('a finding without a fingerprint', () => {
    const err = rejected(write('nofp.json', { findings: [{ fingerprint: 'a' }, { ruleId: 'x' }] }));
    expect(err.message).toBe("findings[1] has no 'fingerprint' string");
    expect(rejected(write('numfp.json', { findings: [{ fingerprint: 7 }] })).message).toBe(
      "findings[0] has no 'fingerprint' string",
    );
  });

  it('SARIF of another version', () => {
    const err = rejected(write('old.sarif', { version: '1.0.0', runs: [] }));
    expect(err.message).toBe('SARIF version "1.0.0" is not supported; caregate reads SARIF 2.1.0');
  });

  it('SARIF whose results carry no caregate fingerprint', () => {
    const err = rejected(
      write('other.sarif', {
        version: '2.1.0',
        runs: [{ results: [{ partialFingerprints: { other: 'x' } }, {}] }],
      }),
    );
    expect(err.message).toBe(
      "no result carries partialFingerprints['caregate/v1']; was this SARIF written by caregate?",
    );
  });

  it('SARIF with malformed runs', () => {
    expect(rejected(write('badrun.sarif', { version: '2.1.0', runs: [7] })).message).toBe(
      'runs[0] is not an object',
    );
    expect(rejected(write('badres.sarif', { version: '2.1.0', runs: [{ results: {} }] })).message).toBe(
      'runs[0].results is not a list',
    );
  });
});
