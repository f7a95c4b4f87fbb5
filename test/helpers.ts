import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scanText } from '../src/scan/scan.js';
import type { Finding } from '../src/core/finding.js';

/** Findings of one rule (or all) for an in-memory TypeScript file. */
export function findings(code: string, ruleId?: string, file = 'src/example.ts'): Finding[] {
  const all = scanText(file, code).findings;
  return ruleId ? all.filter((f) => f.ruleId === ruleId) : all;
}

export function lines(code: string, ruleId: string, file?: string): number[] {
  return findings(code, ruleId, file).map((f) => f.location.line);
}

/** A temporary project folder with the given files; returns its path. */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'caregate-test-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return dir;
}
