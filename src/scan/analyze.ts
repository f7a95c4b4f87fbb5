/**
 * One analysis pass over a set of files: engine, then every rule over every module's facts. Used
 * in-process for small scans and inside each worker thread for large ones, so both paths give the
 * same findings. Output is "raw": fingerprints are assigned after shards are merged.
 */
import { Engine } from '../analysis/interp.js';
import type { CaregateConfig } from '../config/config.js';
import type { Diagnostic, Finding } from '../core/finding.js';
import { RULES } from '../rules/index.js';
import type { Report, Rule, RuleSettings } from '../rules/support/rule.js';
import { buildFinding } from './findings.js';
import type { ParseAhead } from './parse-ahead.js';
import { Program } from './program.js';
import { parseSuppressions, suppressionFor } from './suppressions.js';

export interface RawFinding extends Omit<Finding, 'fingerprint'> {
  /** The flagged line as written, for the fingerprint. */
  lineText: string;
  /** For route findings: router identities; an auth mount found in another shard clears it. */
  mountIds?: string[];
}

export interface ShardInput {
  root: string;
  /** Files this shard owns: parse diagnostics and suppression checks are reported for these. */
  own: { abs: string; rel: string; text: string }[];
  /** Every scanned file (relative paths): findings may be reported in any of them. */
  scanned: ReadonlySet<string>;
  config: CaregateConfig;
  middlewareAuth: (file: string) => boolean;
  onProgress?: (done: number, total: number, file: string) => void;
  /** Python files being parsed on a helper thread (scan/parse-ahead.ts). */
  ahead?: ParseAhead | null;
}

export interface ShardOutput {
  raw: RawFinding[];
  diagnostics: Diagnostic[];
  authMounted: string[];
}

export function activeRules(config: CaregateConfig | undefined): Rule[] {
  return RULES.filter((r) => config?.rules[r.meta.id] !== 'off');
}

export function analyzeShard(input: ShardInput): ShardOutput {
  const { config } = input;
  const program = new Program(input.root, input.ahead ?? null);
  for (const f of input.own) program.add(f.abs, f.rel, f.text);
  const engine = new Engine(program, {
    sanitizers: config.sanitizers,
    names: { extraNames: config.phi.names, ignoreNames: config.phi.ignoreNames },
  });
  const diagnostics: Diagnostic[] = [];
  input.ahead?.preload((abs) => program.load(abs));
  input.own.forEach((f, i) => {
    input.onProgress?.(i, input.own.length, f.rel);
    try {
      engine.analyze(f.abs);
    } catch (err) {
      diagnostics.push({ file: f.rel, kind: 'internal-error', message: `analysis failed: ${errText(err)}` });
    }
  });
  input.ahead?.close();
  try {
    engine.finish();
  } catch (err) {
    diagnostics.push({
      file: input.own[0]?.rel ?? '.',
      kind: 'internal-error',
      message: `analysis failed: ${errText(err)}`,
    });
  }
  diagnostics.push(...program.diagnostics);

  const rules = activeRules(config);
  const authMounted = engine.authMountedIds();
  const settings: RuleSettings = {
    egressAllow: config.egress.allow,
    authMounted,
    nextMiddlewareAuth: input.middlewareAuth,
  };
  const ownRels = new Set(input.own.map((f) => f.rel));
  const knownIds = new Set(RULES.map((r) => r.meta.id));
  const raw: RawFinding[] = [];
  const codeRules = rules.filter((r) => r.check !== undefined);
  for (const facts of engine.facts()) {
    const file = facts.ir.file;
    if (!input.scanned.has(file)) continue;
    const { byLine, diagnostics: supDiags } = parseSuppressions(file, facts.ir.comments, knownIds);
    if (ownRels.has(file)) diagnostics.push(...supDiags);
    const perFile = new Map<string, RawFinding>();
    for (const rule of codeRules) {
      const report = reporter(rule, file, facts.ir.lines, byLine, config, perFile);
      try {
        rule.check?.({ file, ir: facts.ir, facts, settings, report });
      } catch (err) {
        if (ownRels.has(file))
          diagnostics.push({
            file,
            kind: 'internal-error',
            message: `rule ${rule.meta.id} failed: ${errText(err)}`,
          });
      }
    }
    raw.push(...perFile.values());
  }
  return { raw, diagnostics, authMounted: [...authMounted] };
}

/**
 * The report callback a rule gets for one file: builds the finding, applies the configured severity
 * and inline suppressions, and keeps one finding per rule and location (the strongest evidence).
 */
export function reporter(
  rule: Rule,
  file: string,
  lines: readonly string[],
  byLine: ReturnType<typeof parseSuppressions>['byLine'],
  config: CaregateConfig,
  perFile: Map<string, RawFinding>,
): (r: Report<string>) => void {
  return (r) => {
    const f: RawFinding = { ...buildFinding(rule, r, file, lines), lineText: lines[r.loc.line - 1] ?? '' };
    if (r.mountIds?.length) f.mountIds = r.mountIds;
    const over = config.rules[rule.meta.id];
    if (over && over !== 'off') f.severity = over;
    const sup = suppressionFor(byLine, rule.meta.id, f.location.line);
    if (sup)
      f.suppression = {
        kind: 'inline',
        justification: sup.reason,
        location: { file, line: sup.line, column: 1, endLine: sup.line, endColumn: 1 },
      };
    const key = findingKey(f);
    const prev = perFile.get(key);
    if (!prev || betterEvidence(f, prev)) perFile.set(key, f);
  };
}

export function findingKey(f: Omit<Finding, 'fingerprint'>): string {
  return `${f.ruleId}\0${f.location.file}\0${f.location.line}\0${f.location.column}`;
}

/** Prefer the finding with stronger evidence; ties broken by text so merging shards is deterministic. */
export function betterEvidence(a: Omit<Finding, 'fingerprint'>, b: Omit<Finding, 'fingerprint'>): boolean {
  const score = (f: Omit<Finding, 'fingerprint'>): number =>
    (f.confidence === 'high' ? 3 : f.confidence === 'medium' ? 2 : 1) +
    (f.source && f.source.kind !== 'name' ? 0.5 : 0) +
    (f.flow?.length ?? 0) / 1000;
  const sa = score(a);
  const sb = score(b);
  if (sa !== sb) return sa > sb;
  return a.message < b.message;
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
