/**
 * The set of modules one scan analyses: the files being scanned, plus any relative import they
 * reach that was not scanned (read from disk on demand, so cross-file flows work with --changed).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ModuleIR } from '../analysis/ir.js';
import type { ModuleHost } from '../analysis/interp.js';
import type { Diagnostic } from '../core/finding.js';
import { frontendFor } from '../lang/index.js';
import type { ParseAhead } from './parse-ahead.js';
import { MAX_FILE_BYTES } from './walk.js';

const RESOLVE_SUFFIXES = [
  '',
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
  '.js',
  '.jsx',
  '.mjs',
  '.cjs',
  '/index.ts',
  '/index.tsx',
  '/index.js',
  '/index.jsx',
  '/index.mjs',
];

const PY_RESOLVE_SUFFIXES = ['.py', '/__init__.py'];

export class Program implements ModuleHost {
  private readonly texts = new Map<string, { rel: string; text: string }>();
  private readonly parsed = new Map<string, { ir: ModuleIR; rel: string } | null>();
  private readonly resolved = new Map<string, string | null>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly root: string,
    /** Python files parsed on a helper thread (scan/parse-ahead.ts), lowered here when first loaded. */
    private readonly ahead: ParseAhead | null = null,
  ) {}

  /** Register a file's text (already read and classified by the walker). */
  add(abs: string, rel: string, text: string): void {
    this.texts.set(abs, { rel, text });
  }

  has(abs: string): boolean {
    return this.texts.has(abs);
  }

  resolve(fromAbs: string, spec: string): string | null {
    const key = `${fromAbs}\0${spec}`;
    const hit = this.resolved.get(key);
    if (hit !== undefined) return hit;
    const base = path.resolve(path.dirname(fromAbs), spec);
    let cands: string[];
    if (fromAbs.endsWith('.py')) {
      // Python: `from .m import f` is m.py or the package m/__init__.py; `from . import x` is __init__.py.
      cands = PY_RESOLVE_SUFFIXES.map((suf) => base + suf);
    } else {
      // TypeScript ESM imports name the emitted .js file: './util.js' means './util.ts'.
      const bases = [base];
      const m = /\.(m|c)?js$/.exec(base);
      if (m) bases.push(base.slice(0, -m[0].length));
      cands = bases.flatMap((b) => RESOLVE_SUFFIXES.map((suf) => b + suf));
    }
    // Files being scanned first (no file system access), then the disk.
    let found = cands.find((c) => this.texts.has(c)) ?? null;
    found ??= cands.find((c) => frontendFor(c) !== null && isFile(c)) ?? null;
    this.resolved.set(key, found);
    return found;
  }

  load(abs: string): { ir: ModuleIR; rel: string } | null {
    const cached = this.parsed.get(abs);
    if (cached !== undefined) return cached;
    let entry = this.texts.get(abs);
    const scanned = entry !== undefined;
    if (!entry) {
      // An import outside the scanned set: read it for its summaries, report nothing about it.
      try {
        if (statSync(abs).size > MAX_FILE_BYTES) return this.remember(abs, null);
        entry = {
          rel: path.relative(this.root, abs).split(path.sep).join('/'),
          text: readFileSync(abs, 'utf8'),
        };
      } catch {
        return this.remember(abs, null);
      }
    }
    const fe = frontendFor(abs);
    if (!fe) return this.remember(abs, null);
    let outcome;
    const ahead = scanned ? (this.ahead?.take(abs) ?? null) : null;
    try {
      if (ahead && 'thrown' in ahead) throw new Error(ahead.thrown);
      if (ahead && 'error' in ahead) outcome = { error: ahead.error };
      else if (ahead && fe.lowerParsed) outcome = fe.lowerParsed(entry.rel, entry.text, ahead.tree);
      else outcome = fe.parse(entry.rel, entry.text);
    } catch (err) {
      if (scanned)
        this.diagnostics.push({
          file: entry.rel,
          kind: 'internal-error',
          message: `parser failed: ${err instanceof Error ? err.message : String(err)}`,
        });
      return this.remember(abs, null);
    }
    if ('error' in outcome) {
      if (scanned) {
        this.diagnostics.push({
          file: entry.rel,
          kind: 'parse-error',
          message: `could not parse: ${outcome.error.message}`,
          ...(outcome.error.line ? { line: outcome.error.line } : {}),
        });
      }
      return this.remember(abs, null);
    }
    return this.remember(abs, { ir: outcome.ir, rel: entry.rel });
  }

  private remember(
    abs: string,
    v: { ir: ModuleIR; rel: string } | null,
  ): { ir: ModuleIR; rel: string } | null {
    this.parsed.set(abs, v);
    return v;
  }
}

function isFile(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isFile();
  } catch {
    return false;
  }
}
