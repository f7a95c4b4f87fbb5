/**
 * `scan` as a library call: the CLI, the agent guard, the MCP server and the CI gate all come
 * through here. Files → IR → dataflow → rules → findings, with config, suppressions and baseline.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  defaultConfig,
  loadConfig,
  suggest,
  type CaregateConfig,
  type LoadedConfig,
} from '../config/config.js';
import { CaregateError } from '../core/errors.js';
import type { Diagnostic, Finding, ScanResult } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { atLeast, type Severity } from '../core/severity.js';
import {
  classifyDocument,
  makeDocument,
  MAX_DATA_BYTES,
  isConfigKind,
  type DocKind,
  type Document,
} from '../lang/documents.js';
import { grammarsFor, SOURCE_EXTENSIONS } from '../lang/index.js';
import { lazyDocument } from '../lang/lazy-document.js';
import { grammarLoaded, loadGrammars } from '../lang/tree-sitter.js';
import { RULES } from '../rules/index.js';
import type { RuleSettings } from '../rules/support/rule.js';
import {
  activeRules,
  analyzeShard,
  betterEvidence,
  findingKey,
  type RawFinding,
  type ShardOutput,
} from './analyze.js';
import { loadBaseline } from './baseline.js';
import { changedFiles } from './changed.js';
import { readSource } from './content.js';
import { assignFingerprints } from './findings.js';
import { middlewareAuthLookup } from './middleware-auth.js';
import { analyzeInWorkers, defaultJobs, LARGE_SCAN_BYTES, workersAvailable } from './parallel.js';
import { analyzeDocuments } from './documents.js';
import { startParseAhead } from './parse-ahead.js';
import { DataAhead } from './data-ahead.js';
import { MAX_FILE_BYTES, walkFiles } from './walk.js';

export interface ScanOptions {
  /** Folder paths are shown relative to; defaults to process.cwd(). */
  cwd?: string;
  /** Files or folders to scan, relative to cwd or absolute; default ['.']. */
  paths?: string[];
  configFile?: string;
  /** Overrides the config's minSeverity. */
  minSeverity?: Severity;
  baseline?: string;
  /** Only files changed against this git ref (true: against HEAD). */
  changed?: string | true;
  onProgress?: (done: number, total: number, file: string) => void;
  /** Worker threads for large scans (default: cores, at most 4; 1 analyses in-process). */
  jobs?: number;
}

export interface ScanOutcome {
  result: ScanResult;
  rules: RuleMeta[];
  minSeverity: Severity;
  /** Findings at or above minSeverity that are not suppressed: what decides the exit code. */
  blocking: number;
  /** With a baseline: findings present in it, dropped from the result. */
  baselineKnown: number;
  config: LoadedConfig;
}

/** Below this many files, starting workers costs more than it saves. */
const PARALLEL_MIN_FILES = 150;

export async function scan(opts: ScanOptions = {}): Promise<ScanOutcome> {
  const started = performance.now();
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const paths = (opts.paths?.length ? opts.paths : ['.']).map((p) => path.resolve(cwd, p));
  for (const p of paths) {
    if (!existsSync(p))
      throw new CaregateError('CG_PATH_NOT_FOUND', 'path does not exist', {
        file: path.relative(cwd, p) || p,
      });
  }
  // Paths are reported relative to the working folder; scanning elsewhere (../other-app) reports
  // them relative to the nearest folder that contains everything scanned.
  const root = paths.every((p) => isInside(cwd, p)) ? cwd : commonFolder(paths);
  const searchFrom = statSync(paths[0]!).isDirectory() ? paths[0]! : path.dirname(paths[0]!);
  const loaded = await loadConfig({
    cwd,
    ...(opts.configFile ? { explicitFile: path.resolve(cwd, opts.configFile) } : {}),
    searchFrom,
  });
  const config = loaded.config;
  checkRuleIds(loaded);
  const minSeverity: Severity = opts.minSeverity ?? config.minSeverity ?? 'low';

  const only = opts.changed
    ? await changedFiles(root, opts.changed === true ? undefined : opts.changed)
    : undefined;
  const walked = await walkFiles({
    root,
    paths,
    extensions: SOURCE_EXTENSIONS,
    alsoAccept: (rel) => classifyDocument(rel) !== null,
    maxBytes: documentSizeLimit,
    ignore: config.ignore,
    configDir: loaded.dir,
    ...(only ? { only } : {}),
  });
  const diagnostics: Diagnostic[] = [...walked.diagnostics];
  let skipped = walked.skipped;
  const dataAhead = config.rules['phi-in-fixture'] !== 'off' ? DataAhead.start(walked.files) : null;

  let lines = 0;
  const files: { abs: string; rel: string; text: string }[] = [];
  const docs: Document[] = [];
  // Read synchronously: measured on 1,354 files, 20 ms against 90-150 ms for promises with 32 in
  // flight (each of those is a round trip through libuv's thread pool for open, stat, read, close).
  const kinds = walked.files.map((f) => documentKindOf(f.rel));
  const read = walked.files.map((f, i) => {
    const kind = kinds[i] ?? null;
    return dataAhead && DataAhead.wants(kind, f.size)
      ? readSource(f, { code: false, onBytes: (bytes) => dataAhead.offer(f.rel, kind!, bytes) })
      : readSource(f, { code: kind === null });
  });
  for (const [i, f] of walked.files.entries()) {
    const r = read[i]!;
    const kind = kinds[i];
    if ('diagnostic' in r) diagnostics.push(r.diagnostic);
    else if ('skip' in r) skipped++;
    else {
      if (kind) {
        // Bytes the data helper took are searched from there and decoded only where a rule looks.
        const doc =
          'bytes' in r ? lazyDocument(f.abs, f.rel, kind, r.bytes) : makeDocument(f.abs, f.rel, kind, r.text);
        docs.push(doc);
        // The document is split into lines already; a trailing newline leaves one empty last line.
        lines += doc.lines.length - (doc.lines[doc.lines.length - 1] === '' ? 1 : 0);
      } else if ('text' in r) {
        files.push({ abs: f.abs, rel: f.rel, text: r.text });
        lines += countLines(r.text);
      }
    }
  }

  // Nothing between the helper's start and this may throw: it waits for the end of its jobs.
  dataAhead?.begin();

  await loadGrammars(
    grammarsFor(
      files.map((f) => f.rel),
      docs.map((d) => d.kind),
    ),
  );

  const jobs = opts.jobs ?? defaultJobs();
  const codeBytes = files.reduce((n, f) => n + f.text.length, 0);
  const large = codeBytes > LARGE_SCAN_BYTES && workersAvailable();
  const shards =
    large || (jobs > 1 && files.length >= PARALLEL_MIN_FILES && workersAvailable())
      ? await analyzeInWorkers(root, files, config, jobs, opts.onProgress, large)
      : [
          analyzeShard({
            root,
            own: files,
            ahead: startParseAhead(files),
            scanned: new Set(files.map((f) => f.rel)),
            config,
            middlewareAuth: middlewareAuthLookup(root),
            ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
          }),
        ];
  if (docs.length > 0) {
    const total = files.length + docs.length;
    shards.push({
      ...analyzeDocuments({
        docs,
        config,
        settings: documentSettings(config),
        ...(dataAhead ? { memos: await dataAhead.finish() } : {}),
        ...(opts.onProgress
          ? {
              onProgress: (done: number, _n: number, file: string) =>
                opts.onProgress!(files.length + done, total, file),
            }
          : {}),
      }),
      authMounted: [],
    });
  }
  opts.onProgress?.(files.length + docs.length, files.length + docs.length, '');
  const merged = mergeShards(shards);
  diagnostics.push(...merged.diagnostics);
  let findings = assignFingerprints(merged.raw).filter((f) => atLeast(f.severity, minSeverity));

  let baselineKnown = 0;
  if (opts.baseline) {
    const known = loadBaseline(path.resolve(cwd, opts.baseline));
    const before = findings.length;
    findings = findings.filter((f) => !known.has(f.fingerprint));
    baselineKnown = before - findings.length;
  }
  const blocking = findings.filter((f) => !f.suppression).length;
  const result: ScanResult = {
    root,
    findings,
    diagnostics: diagnostics.sort((a, b) => cmp(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0)),
    stats: {
      files: files.length + docs.length,
      lines,
      seconds: (performance.now() - started) / 1000,
      skipped,
    },
  };
  return {
    result,
    rules: activeRules(config).map((r) => r.meta),
    minSeverity,
    blocking,
    baselineKnown,
    config: loaded,
  };
}

/** Scan one in-memory file (agent guard, MCP, editor): no walking, config optional. */
export function scanText(
  file: string,
  text: string,
  options: { config?: CaregateConfig; cwd?: string } = {},
): { findings: Finding[]; diagnostics: Diagnostic[] } {
  const cwd = options.cwd ?? process.cwd();
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs).split(path.sep).join('/');
  const config = options.config ?? defaultConfig();
  const kind = documentKindOf(rel);
  for (const g of grammarsFor(kind ? [] : [rel], kind ? [kind] : []))
    if (!grammarLoaded(g))
      throw new CaregateError(
        'CG_INTERNAL',
        `scanText needs the ${g} grammar: await prepareLanguages() first`,
        {
          file: rel,
        },
      );
  if (kind) {
    const out = analyzeDocuments({
      docs: [makeDocument(abs, rel, kind, text)],
      config,
      settings: documentSettings(config),
    });
    const merged = mergeShards([{ ...out, authMounted: [] }]);
    return { findings: assignFingerprints(merged.raw), diagnostics: merged.diagnostics };
  }
  const out = analyzeShard({
    root: cwd,
    own: [{ abs, rel, text }],
    scanned: new Set([rel]),
    config,
    middlewareAuth: () => false,
  });
  const merged = mergeShards([out]);
  return { findings: assignFingerprints(merged.raw), diagnostics: merged.diagnostics };
}

/**
 * Merge shard outputs: one finding per rule and location (strongest evidence wins), and route
 * findings dropped when any shard saw their router mounted behind authentication.
 */
function mergeShards(shards: ShardOutput[]): { raw: RawFinding[]; diagnostics: Diagnostic[] } {
  const authMounted = new Set(shards.flatMap((s) => s.authMounted));
  const byKey = new Map<string, RawFinding>();
  for (const s of shards) {
    for (const f of s.raw) {
      if (f.mountIds?.some((id) => authMounted.has(id))) continue;
      const key = findingKey(f);
      const prev = byKey.get(key);
      if (!prev || betterEvidence(f, prev)) byKey.set(key, f);
    }
  }
  const raw = [...byKey.values()].sort(
    (a, b) =>
      cmp(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      cmp(a.ruleId, b.ruleId),
  );
  return { raw, diagnostics: shards.flatMap((s) => s.diagnostics) };
}

function checkRuleIds(loaded: LoadedConfig): void {
  const known = new Set(RULES.map((r) => r.meta.id));
  for (const id of Object.keys(loaded.config.rules)) {
    if (known.has(id)) continue;
    const near = suggest(id, [...known]);
    throw new CaregateError(
      'CG_CONFIG_INVALID',
      `unknown rule '${id}' in 'rules'${near ? ` (did you mean '${near}'?)` : ''}; run \`caregate rules\` for the list`,
      {
        ...(loaded.file ? { file: path.relative(process.cwd(), loaded.file) || loaded.file } : {}),
        ...(loaded.lineOf(['rules', id]) ? { line: loaded.lineOf(['rules', id])! } : {}),
      },
    );
  }
}

function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function commonFolder(paths: string[]): string {
  const dirs = paths.map((p) => (existsSync(p) && !statSync(p).isFile() ? p : path.dirname(p)));
  let common = dirs[0]!;
  while (!dirs.every((d) => isInside(common, d))) common = path.dirname(common);
  return common;
}

/** Code-point order: output must not depend on the machine's locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function extOf(rel: string): string {
  const dot = rel.lastIndexOf('.');
  return dot > rel.lastIndexOf('/') ? rel.slice(dot).toLowerCase() : '';
}

/** A file's document kind; null for code (a frontend reads it) and for files caregate skips. */
function documentKindOf(rel: string): DocKind | null {
  return SOURCE_EXTENSIONS.has(extOf(rel)) ? null : classifyDocument(rel);
}

/** Documents have no routes or routers: only the egress allow-list applies to them. */
function documentSettings(config: CaregateConfig): RuleSettings {
  return { egressAllow: config.egress.allow, authMounted: new Set(), nextMiddlewareAuth: () => false };
}

/** Code and configuration keep the 2 MB limit; data exports may be larger. */
function documentSizeLimit(rel: string): number {
  const kind = documentKindOf(rel);
  return kind && !isConfigKind(kind) ? MAX_DATA_BYTES : MAX_FILE_BYTES;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.length && !text.endsWith('\n') ? n + 1 : n;
}
