/**
 * `scan` as a library call: the CLI, the agent guard, the MCP server and the CI gate all come
 * through here. Files → IR → dataflow → rules → findings, with config, suppressions and baseline.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Engine } from '../analysis/interp.js';
import type { ModuleIR } from '../analysis/ir.js';
import { AUTH_NAME } from '../analysis/routes.js';
import { loadConfig, suggest, type CaregateConfig, type LoadedConfig } from '../config/config.js';
import { CaregateError } from '../core/errors.js';
import type { Diagnostic, Finding, ScanResult } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { atLeast, type Severity } from '../core/severity.js';
import { SOURCE_EXTENSIONS } from '../lang/index.js';
import { RULES } from '../rules/index.js';
import type { Report, Rule, RuleSettings } from '../rules/support/rule.js';
import { loadBaseline } from './baseline.js';
import { changedFiles } from './changed.js';
import { readSource } from './content.js';
import { assignFingerprints, buildFinding } from './findings.js';
import { Program } from './program.js';
import { parseSuppressions, suppressionFor } from './suppressions.js';
import { walkFiles } from './walk.js';

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

export async function scan(opts: ScanOptions = {}): Promise<ScanOutcome> {
  const started = performance.now();
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const paths = (opts.paths?.length ? opts.paths : ['.']).map((p) => path.resolve(cwd, p));
  for (const p of paths)
    if (!existsSync(p))
      throw new CaregateError('CG_PATH_NOT_FOUND', 'path does not exist', {
        file: path.relative(cwd, p) || p,
      });
  const searchFrom =
    existsSync(paths[0]!) && !/\.[a-z]+$/i.test(paths[0]!) ? paths[0]! : path.dirname(paths[0]!);
  const loaded = await loadConfig({
    cwd,
    ...(opts.configFile ? { explicitFile: path.resolve(cwd, opts.configFile) } : {}),
    searchFrom,
  });
  const config = loaded.config;
  checkRuleIds(loaded);
  const minSeverity: Severity = opts.minSeverity ?? config.minSeverity ?? 'low';

  const only = opts.changed
    ? await changedFiles(cwd, opts.changed === true ? undefined : opts.changed)
    : undefined;
  const walked = await walkFiles({
    root: cwd,
    paths,
    extensions: SOURCE_EXTENSIONS,
    ignore: config.ignore,
    configDir: loaded.dir,
    ...(only ? { only } : {}),
  });
  const diagnostics: Diagnostic[] = [...walked.diagnostics];
  let skipped = walked.skipped;

  const program = new Program(cwd);
  let lines = 0;
  const scanned: { abs: string; rel: string }[] = [];
  for (const f of walked.files) {
    const r = await readSource(f);
    if ('diagnostic' in r) diagnostics.push(r.diagnostic);
    else if ('skip' in r) skipped++;
    else {
      program.add(f.abs, f.rel, r.text);
      scanned.push(f);
      lines += countLines(r.text);
    }
  }

  const engine = new Engine(program, {
    sanitizers: config.sanitizers,
    names: { extraNames: config.phi.names, ignoreNames: config.phi.ignoreNames },
  });
  const irs = new Map<string, ModuleIR>();
  scanned.forEach((f, i) => {
    opts.onProgress?.(i, scanned.length, f.rel);
    try {
      engine.analyze(f.abs);
    } catch (err) {
      diagnostics.push({
        file: f.rel,
        kind: 'internal-error',
        message: `analysis failed: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  });
  engine.finish();
  opts.onProgress?.(scanned.length, scanned.length, '');
  diagnostics.push(...program.diagnostics);

  const rules = activeRules(config);
  const settings: RuleSettings = {
    egressAllow: config.egress.allow,
    authMounted: engine.authMountedIds(),
    nextMiddlewareAuth: nextMiddlewareAuth(cwd, paths),
  };
  const scannedRel = new Set(scanned.map((f) => f.rel));
  const raw: Omit<Finding, 'fingerprint'>[] = [];
  const knownIds = new Set(RULES.map((r) => r.meta.id));
  for (const facts of engine.facts()) {
    const file = facts.ir.file;
    if (!scannedRel.has(file)) continue;
    irs.set(file, facts.ir);
    const { byLine, diagnostics: supDiags } = parseSuppressions(file, facts.ir.comments, knownIds);
    diagnostics.push(...supDiags);
    const perFile = new Map<string, Omit<Finding, 'fingerprint'>>();
    for (const rule of rules) {
      const report = (r: Report<string>): void => {
        const f = buildFinding(rule, r, file, facts.ir);
        const over = config.rules[rule.meta.id];
        if (over && over !== 'off') f.severity = over;
        const sup = suppressionFor(byLine, rule.meta.id, f.location.line);
        if (sup)
          f.suppression = {
            kind: 'inline',
            justification: sup.reason,
            location: { file, line: sup.line, column: 1, endLine: sup.line, endColumn: 1 },
          };
        const key = `${rule.meta.id}:${f.location.line}:${f.location.column}`;
        const prev = perFile.get(key);
        if (!prev || betterEvidence(f, prev)) perFile.set(key, f);
      };
      try {
        rule.check({ file, ir: facts.ir, facts, settings, report });
      } catch (err) {
        diagnostics.push({
          file,
          kind: 'internal-error',
          message: `rule ${rule.meta.id} failed: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
    }
    raw.push(...perFile.values());
  }
  raw.sort(
    (a, b) =>
      cmp(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      cmp(a.ruleId, b.ruleId),
  );
  let findings = assignFingerprints(raw, irs).filter((f) => atLeast(f.severity, minSeverity));

  let baselineKnown = 0;
  if (opts.baseline) {
    const known = loadBaseline(path.resolve(cwd, opts.baseline));
    const before = findings.length;
    findings = findings.filter((f) => !known.has(f.fingerprint));
    baselineKnown = before - findings.length;
  }
  const blocking = findings.filter((f) => !f.suppression).length;
  const result: ScanResult = {
    root: cwd,
    findings,
    diagnostics: diagnostics.sort((a, b) => cmp(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0)),
    stats: { files: scanned.length, lines, seconds: (performance.now() - started) / 1000, skipped },
  };
  return {
    result,
    rules: rules.map((r) => r.meta),
    minSeverity,
    blocking,
    baselineKnown,
    config: loaded,
  };
}

/** Scan one in-memory file (agent guard, MCP, editor): no config, no walking. */
export function scanText(
  file: string,
  text: string,
  options: { config?: CaregateConfig; cwd?: string } = {},
): { findings: Finding[]; diagnostics: Diagnostic[] } {
  const cwd = options.cwd ?? process.cwd();
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs).split(path.sep).join('/');
  const program = new Program(cwd);
  program.add(abs, rel, text);
  const config = options.config;
  const engine = new Engine(program, {
    sanitizers: config?.sanitizers ?? [],
    names: { extraNames: config?.phi.names ?? [], ignoreNames: config?.phi.ignoreNames ?? [] },
  });
  const diagnostics: Diagnostic[] = [];
  try {
    engine.analyze(abs);
    engine.finish();
  } catch (err) {
    diagnostics.push({
      file: rel,
      kind: 'internal-error',
      message: `analysis failed: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
  const facts = engine.facts().find((f) => f.ir.file === rel);
  diagnostics.push(...program.diagnostics);
  if (!facts) return { findings: [], diagnostics };
  const settings: RuleSettings = {
    egressAllow: config?.egress.allow ?? [],
    authMounted: engine.authMountedIds(),
    nextMiddlewareAuth: false,
  };
  const { byLine } = parseSuppressions(rel, facts.ir.comments, new Set(RULES.map((r) => r.meta.id)));
  const raw: Omit<Finding, 'fingerprint'>[] = [];
  for (const rule of activeRules(config)) {
    const seen = new Set<string>();
    try {
      rule.check({
        file: rel,
        ir: facts.ir,
        facts,
        settings,
        report: (r) => {
          const f = buildFinding(rule, r, rel, facts.ir);
          const key = `${f.location.line}:${f.location.column}`;
          if (seen.has(key)) return;
          seen.add(key);
          const sup = suppressionFor(byLine, rule.meta.id, f.location.line);
          if (sup) f.suppression = { kind: 'inline', justification: sup.reason };
          raw.push(f);
        },
      });
    } catch (err) {
      diagnostics.push({
        file: rel,
        kind: 'internal-error',
        message: `rule ${rule.meta.id} failed: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
  raw.sort((a, b) => a.location.line - b.location.line || cmp(a.ruleId, b.ruleId));
  return { findings: assignFingerprints(raw, new Map([[rel, facts.ir]])), diagnostics };
}

function activeRules(config: CaregateConfig | undefined): Rule[] {
  return RULES.filter((r) => config?.rules[r.meta.id] !== 'off');
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

function betterEvidence(a: Omit<Finding, 'fingerprint'>, b: Omit<Finding, 'fingerprint'>): boolean {
  const score = (f: Omit<Finding, 'fingerprint'>): number =>
    (f.confidence === 'high' ? 3 : f.confidence === 'medium' ? 2 : 1) +
    (f.source && f.source.kind !== 'name' ? 0.5 : 0);
  return score(a) > score(b);
}

/** Code-point order: output must not depend on the machine's locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.length && !text.endsWith('\n') ? n + 1 : n;
}

/** A Next.js middleware.ts at the app root that authenticates protects its routes. */
function nextMiddlewareAuth(cwd: string, paths: string[]): boolean {
  for (const base of new Set([cwd, ...paths])) {
    for (const rel of ['middleware.ts', 'middleware.js', 'src/middleware.ts', 'src/middleware.js']) {
      const p = path.join(base, rel);
      try {
        if (existsSync(p) && AUTH_NAME.test(readFileSync(p, 'utf8'))) return true;
      } catch {
        // unreadable middleware: treat as absent
      }
    }
  }
  return false;
}
