/**
 * Machine-readable report. Key order is fixed (objects are built field by field, never spread)
 * and absent optional fields are `null`, so `jq` scripts and diffs see one shape. The file is also
 * a baseline: `caregate scan --baseline report.json` reads `findings[].fingerprint`.
 */
import type { Diagnostic, Finding, Location } from '../core/finding.js';
import { HIPAA } from '../core/hipaa.js';
import type { Severity } from '../core/severity.js';
import { VERSION } from '../version.js';
import type { ReportContext } from './types.js';
import {
  countByHipaa,
  countBySeverity,
  isSuppressed,
  m,
  resolveRules,
  sortDiagnostics,
  sortFindings,
} from './util.js';

/** Bumped only when a field is removed or changes meaning; new fields do not bump it. */
export const JSON_REPORT_VERSION = 1;

export interface JsonLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonFinding {
  ruleId: string;
  messageId: string;
  title: string;
  severity: Severity;
  confidence: Finding['confidence'];
  message: string;
  location: JsonLocation;
  snippet: string;
  cwe: string[];
  hipaa: string[];
  /** Parallel to `hipaa`: the safeguard each citation names. */
  hipaaSafeguards: string[];
  fix: string;
  source: { kind: string; description: string; location: JsonLocation; confidence: string } | null;
  flow: { location: JsonLocation; message: string }[] | null;
  fingerprint: string;
  suppression: { kind: 'inline' | 'baseline'; justification: string; location: JsonLocation | null } | null;
}

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: 'caregate'; version: string };
  root: string;
  summary: {
    files: number;
    lines: number;
    seconds: number;
    skipped: number;
    /** Findings that are not suppressed. */
    findings: number;
    bySeverity: Record<Severity, number>;
    byHipaa: Record<string, number>;
    suppressed: number;
    diagnostics: number;
    minSeverity: Severity;
    /** How many findings are new against the baseline, or null when no baseline was used. */
    baselineNew: number | null;
    exitCode: 0 | 1 | 2;
  };
  findings: JsonFinding[];
  diagnostics: { file: string; kind: Diagnostic['kind']; message: string; line: number | null }[];
}

function loc(l: Location): JsonLocation {
  return { file: l.file, line: l.line, column: l.column, endLine: l.endLine, endColumn: l.endColumn };
}

export function toJsonReport(ctx: ReportContext): JsonReport {
  const { result } = ctx;
  const titles = new Map(resolveRules(ctx.rules, result.findings).map((r) => [r.id, r.title]));
  const findings = sortFindings(result.findings);
  const active = findings.filter((f) => !isSuppressed(f));
  const byHipaa: Record<string, number> = {};
  for (const [c, n] of countByHipaa(active)) byHipaa[c] = n;

  return {
    version: JSON_REPORT_VERSION,
    tool: { name: 'caregate', version: VERSION },
    root: result.root,
    summary: {
      files: result.stats.files,
      lines: result.stats.lines,
      seconds: result.stats.seconds,
      skipped: result.stats.skipped,
      findings: active.length,
      bySeverity: countBySeverity(active),
      byHipaa,
      suppressed: findings.length - active.length,
      diagnostics: result.diagnostics.length,
      minSeverity: ctx.minSeverity,
      baselineNew: ctx.baselineNew ?? null,
      exitCode: ctx.exitCode,
    },
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      messageId: f.messageId,
      title: titles.get(f.ruleId) ?? f.ruleId,
      severity: f.severity,
      confidence: f.confidence,
      message: m(f.message),
      location: loc(f.location),
      snippet: m(f.snippet),
      cwe: [...f.cwe],
      hipaa: [...f.hipaa],
      hipaaSafeguards: f.hipaa.map((c) => HIPAA[c].safeguard),
      fix: m(f.fix),
      source: f.source
        ? {
            kind: f.source.kind,
            description: m(f.source.description),
            location: loc(f.source.location),
            confidence: f.source.confidence,
          }
        : null,
      flow: f.flow ? f.flow.map((s) => ({ location: loc(s.location), message: m(s.message) })) : null,
      fingerprint: f.fingerprint,
      suppression: f.suppression
        ? {
            kind: f.suppression.kind,
            justification: m(f.suppression.justification),
            location: f.suppression.location ? loc(f.suppression.location) : null,
          }
        : null,
    })),
    diagnostics: sortDiagnostics(result.diagnostics).map((d) => ({
      file: d.file,
      kind: d.kind,
      message: m(d.message),
      line: d.line ?? null,
    })),
  };
}

export function renderJson(ctx: ReportContext): string {
  return `${JSON.stringify(toJsonReport(ctx), null, 2)}\n`;
}
