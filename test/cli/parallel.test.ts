/**
 * Large scans run on worker threads; the findings must be exactly those of an in-process scan,
 * including flows that cross the shards' boundary.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caregate } from './cli.js';

interface Gen {
  generateTree(o: { lines: number; out: string; seed?: number }): unknown;
}

describe('parallel scan', () => {
  it('gives the same findings with --jobs 2 as with --jobs 1', async () => {
    const gen = (await import(path.resolve(import.meta.dirname, '../../bench/scan/generate.mjs'))) as Gen;
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'caregate-par-')), 'tree');
    gen.generateTree({ lines: 30_000, out, seed: 7 });
    const one = caregate(['scan', '.', '-f', 'json', '--jobs', '1'], { cwd: out });
    const two = caregate(['scan', '.', '-f', 'json', '--jobs', '2'], { cwd: out });
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    const a = JSON.parse(one.stdout) as { findings: unknown[]; summary: { files: number } };
    const b = JSON.parse(two.stdout) as { findings: unknown[]; summary: { files: number } };
    expect(a.summary.files).toBeGreaterThan(150);
    expect(a.findings.length).toBeGreaterThan(5);
    expect(b.findings).toEqual(a.findings);
  }, 120_000);

  it('rejects a bad --jobs value', () => {
    const r = caregate(['scan', '--jobs', '0'], { cwd: process.cwd() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--jobs');
  });
});
