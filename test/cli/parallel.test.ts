/**
 * Large scans run on worker threads; the findings must be exactly those of an in-process scan,
 * including flows that cross the shards' boundary.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caregate } from './cli.js';

interface Gen {
  generateTree(o: { lines: number; out: string; seed?: number }): unknown;
  manifestPathFor(out: string): string;
}

interface JsonReport {
  findings: { ruleId: string; location: { file: string; line: number; endLine: number } }[];
  summary: { files: number; lines: number };
}

const RULE_FOR_KIND: Record<string, string> = {
  'phi-log': 'phi-to-log',
  'weak-hash': 'weak-hash',
  'tls-off': 'tls-verification-disabled',
};

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

  it('analyses a scan too large for the main thread on a worker, finding exactly what was planted', async () => {
    const gen = (await import(path.resolve(import.meta.dirname, '../../bench/scan/generate.mjs'))) as Gen;
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'caregate-large-')), 'tree');
    // Past 8 MB of code (LARGE_SCAN_BYTES) the analysis moves to a worker with a machine-sized heap.
    gen.generateTree({ lines: 240_000, out, seed: 11 });
    const r = caregate(['scan', '.', '-f', 'json', '--jobs', '1'], { cwd: out });
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.summary.lines).toBeGreaterThan(230_000);
    const { problems } = JSON.parse(readFileSync(gen.manifestPathFor(out), 'utf8')) as {
      problems: { kind: string; file: string; line: number }[];
    };
    const got = report.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`).sort();
    const want = problems.map((p) => `${RULE_FOR_KIND[p.kind]} ${p.file}:${p.line}`).sort();
    expect(got).toEqual(want);
  }, 180_000);

  it('rejects a bad --jobs value', () => {
    const r = caregate(['scan', '--jobs', '0'], { cwd: process.cwd() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--jobs');
  });
});
