/** Helpers shared by the text, JSON and SARIF renderers: ordering, counting, masking. */
import type { CweId } from '../core/cwe.js';
import type { Diagnostic, Finding } from '../core/finding.js';
import { HIPAA, type HipaaCitation } from '../core/hipaa.js';
import { maskText } from '../core/mask.js';
import type { RuleMeta } from '../core/rule.js';
import type { Severity } from '../core/severity.js';

/** Most severe first: the order counts are printed in. */
export const SEVERITY_DESC: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

const HIPAA_ORDER = Object.keys(HIPAA) as HipaaCitation[];

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By file, then line, column, rule id and fingerprint: the same order in every format. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      cmp(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      cmp(a.ruleId, b.ruleId) ||
      cmp(a.fingerprint, b.fingerprint),
  );
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => cmp(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0));
}

export function isSuppressed(f: Finding): boolean {
  return f.suppression !== undefined;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

/** Findings per HIPAA citation, in registry order, citations with no findings left out. */
export function countByHipaa(findings: readonly Finding[]): [HipaaCitation, number][] {
  const counts = new Map<HipaaCitation, number>();
  for (const f of findings) for (const c of new Set(f.hipaa)) counts.set(c, (counts.get(c) ?? 0) + 1);
  return HIPAA_ORDER.filter((c) => counts.has(c)).map((c) => [c, counts.get(c) ?? 0]);
}

/** "2 critical, 3 high" — zero counts left out. */
export function severityPhrase(counts: Record<Severity, number>): string {
  return SEVERITY_DESC.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Registry order for HIPAA citations, numeric order for CWEs; duplicates removed. */
export function sortHipaa(cs: readonly HipaaCitation[]): HipaaCitation[] {
  const set = new Set(cs);
  return HIPAA_ORDER.filter((c) => set.has(c));
}

export function sortCwe(cs: readonly CweId[]): CweId[] {
  return [...new Set(cs)].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
}

/**
 * Masking is the engine's job, but every renderer masks again: a rule that forgets costs a
 * disclosure, a second pass costs nothing (maskText is idempotent on masked text).
 */
export const m = maskText;

/**
 * The rule for each id. Findings whose rule is not in `rules` (should not happen) get a minimal
 * descriptor built from the finding, so every output can still name and index it.
 */
export function resolveRules(rules: readonly RuleMeta[], findings: readonly Finding[]): RuleMeta[] {
  const out: RuleMeta[] = [];
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r);
  }
  for (const f of findings) {
    if (seen.has(f.ruleId)) continue;
    seen.add(f.ruleId);
    out.push(syntheticRule(f));
  }
  return out;
}

function syntheticRule(f: Finding): RuleMeta {
  return {
    id: f.ruleId,
    title: f.ruleId,
    family: f.source ? 'phi-flow' : 'insecure-default',
    severity: f.severity,
    confidence: f.confidence,
    cwe: f.cwe,
    hipaa: f.hipaa,
    fix: f.fix,
    messages: {},
    docs: { summary: `Findings reported by ${f.ruleId}.`, bad: '', good: '', exampleFile: '' },
  };
}
