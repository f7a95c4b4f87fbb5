/**
 * Python parsed ahead on a helper thread (scan/parse-ahead.ts) must give exactly the findings and
 * diagnostics of parsing on one thread. The helper exists only in the built package (a compiled
 * worker), so these tests use dist/ (npm test builds it first).
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { caregate } from './cli.js';

const DIST = path.resolve(import.meta.dirname, '../../dist');

interface Gen {
  generateTree(o: { lines: number; out: string; seed?: number }): unknown;
}
interface JsonReport {
  findings: { ruleId: string; location: { file: string; line: number } }[];
  diagnostics: { file: string; kind: string; message: string; line?: number }[];
}
interface Outcome {
  abs: string;
  tree?: Int32Array;
  error?: { message: string; line?: number };
}
interface AheadModule {
  ParseAhead: new (files: { abs: string; text: string }[]) => {
    readonly started: Promise<boolean>;
    take(abs: string): Outcome | null;
    preload(load: (abs: string) => void): void;
    close(): void;
  };
  PARSE_AHEAD_MIN_BYTES: number;
}
interface PythonModule {
  parsePython(rel: string, text: string): unknown;
  lowerPython(rel: string, text: string, tree: Int32Array): unknown;
}

let tree: string;
let files: { abs: string; text: string }[];

function pyFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) pyFiles(abs, out);
    else if (name.endsWith('.py')) out.push(abs);
  }
  return out;
}

beforeAll(async () => {
  const gen = (await import(path.resolve(import.meta.dirname, '../../bench/python/generate.mjs'))) as Gen;
  tree = path.join(mkdtempSync(path.join(tmpdir(), 'caregate-ahead-')), 'tree');
  gen.generateTree({ lines: 15_000, out: tree, seed: 5 });
  // One file the parser rejects, late in path order (the helper starts from the end).
  writeFileSync(path.join(tree, 'zz_broken.py'), 'def f(:\n    return 1\n');
  files = pyFiles(tree).map((abs) => ({ abs, text: readFileSync(abs, 'utf8') }));
}, 60_000);

describe('parse-ahead helper', () => {
  it('parses on both threads, each file once, and its trees lower to what one thread makes', async () => {
    const { ParseAhead, PARSE_AHEAD_MIN_BYTES } = (await import(
      path.join(DIST, 'scan/parse-ahead.js')
    )) as AheadModule;
    const { loadGrammars } = (await import(path.join(DIST, 'lang/tree-sitter.js'))) as {
      loadGrammars: (g: string[]) => Promise<void>;
    };
    const py = (await import(path.join(DIST, 'lang/python/index.js'))) as PythonModule;
    await loadGrammars(['python']);
    expect(files.reduce((n, f) => n + f.text.length, 0)).toBeGreaterThan(PARSE_AHEAD_MIN_BYTES);

    const ahead = new ParseAhead(files);
    // Give the helper a head start, so that the split does not depend on thread start-up time.
    expect(await ahead.started).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    const got = new Map<string, Outcome | null>();
    const texts = new Map(files.map((f) => [f.abs, f.text]));
    ahead.preload((abs) => {
      if (got.has(abs)) return;
      const o = ahead.take(abs);
      // This thread parses what the helper did not take, as a scan does.
      if (o === null) py.parsePython(abs, texts.get(abs)!);
      got.set(abs, o);
    });
    ahead.close();
    expect(got.size).toBe(files.length);
    const helped = [...got.values()].filter((o) => o !== null);
    // Both threads did some of the parsing.
    expect(helped.length).toBeGreaterThan(0);
    expect(helped.length).toBeLessThan(files.length);
    expect(got.get(path.join(tree, 'zz_broken.py'))?.error?.message).toMatch(/syntax error/);
    for (const f of files) {
      const o = got.get(f.abs);
      if (!o?.tree) continue;
      expect(py.lowerPython(f.abs, f.text, o.tree)).toEqual(py.parsePython(f.abs, f.text));
    }
  }, 60_000);

  it('gives the CLI exactly the findings and diagnostics of a scan without it', async () => {
    const { scan } = await import('../../src/scan/scan.js');
    const { prepareLanguages } = await import('../../src/lang/index.js');
    await prepareLanguages();
    // From sources there is no compiled worker, so this scan parses on one thread.
    const single = (await scan({ cwd: tree })).result;
    const r = caregate(['scan', '.', '-f', 'json', '--no-progress'], { cwd: tree });
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    const key = (f: { ruleId: string; location: { file: string; line: number } }): string =>
      `${f.ruleId} ${f.location.file}:${f.location.line}`;
    expect(report.findings.map(key).sort()).toEqual(single.findings.map(key).sort());
    expect(report.findings.length).toBeGreaterThan(10);
    expect(report.diagnostics).toEqual(JSON.parse(JSON.stringify(single.diagnostics)));
    expect(report.diagnostics.map((d) => d.file)).toContain('zz_broken.py');
  }, 120_000);
});
