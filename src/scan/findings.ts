/**
 * Turns rule reports into Findings: fills message templates, masks identifiers, builds the PHI
 * source and flow, adjusts severity for weak evidence, and computes a fingerprint that survives
 * unrelated edits (rule, file, the flagged code with whitespace folded, the source kind).
 */
import { createHash } from 'node:crypto';
import type { Loc } from '../analysis/ir.js';
import type { Finding, FlowStep, Location, PhiSource } from '../core/finding.js';
import { mask, maskText } from '../core/mask.js';
import { CONFIDENCES, SEVERITIES, type Confidence, type Severity } from '../core/severity.js';
import type { Report, Rule } from '../rules/support/rule.js';

export function location(file: string, loc: Loc): Location {
  return { file, line: loc.line, column: loc.column, endLine: loc.endLine, endColumn: loc.endColumn };
}

function fill(template: string, data: Record<string, string> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => data?.[k] ?? m);
}

function minConfidence(...cs: (Confidence | undefined)[]): Confidence {
  let i = CONFIDENCES.length - 1;
  for (const c of cs) if (c) i = Math.min(i, CONFIDENCES.indexOf(c));
  return CONFIDENCES[i]!;
}

/**
 * The flagged lines, masked. With `secretAt`, the text inside the reported range is a credential:
 * it is masked as a whole, since identifier masking would not recognise an arbitrary password.
 */
export function snippetOf(lines: readonly string[], loc: Loc, secretAt = false): string {
  const last = Math.min(loc.endLine, loc.line + 2, lines.length);
  // By index: a large data file's lines are decoded only when read (lang/lazy-document.ts).
  const shown: string[] = [];
  for (let n = Math.max(1, loc.line); n <= last; n++) {
    const l = lines[n - 1] ?? '';
    shown.push((secretAt ? maskRange(l, loc, n) : l).trimEnd());
  }
  const text = shown.join('\n').trim();
  return maskText(text.length > 400 ? `${text.slice(0, 400)}…` : text);
}

function maskRange(line: string, loc: Loc, lineNo: number): string {
  const from = lineNo === loc.line ? Math.max(0, loc.column - 1) : 0;
  const to = lineNo === loc.endLine ? Math.max(from, loc.endColumn - 1) : line.length;
  const raw = line.slice(from, to);
  // Keep the quotes and surrounding punctuation readable; mask what is between them.
  const m = /^(["'`]?)(.*?)(["'`]?,?)$/s.exec(raw);
  const inner = m?.[2] ?? raw;
  if (inner.length < 4) return line;
  const masked = inner.includes('*') ? '*'.repeat(inner.length) : mask(inner);
  return line.slice(0, from) + (m?.[1] ?? '') + masked + (m?.[3] ?? '') + line.slice(to);
}

export function buildFinding(
  rule: Rule,
  report: Report<string>,
  file: string,
  lines: readonly string[],
): Omit<Finding, 'fingerprint'> {
  const meta = rule.meta;
  const template = meta.messages[report.messageId] ?? report.messageId;
  const src = report.label?.src;
  let severity: Severity = report.severity ?? meta.severity;
  // Evidence from a name alone is weaker: report it one level lower.
  if (src?.kind === 'name' && src.confidence === 'low')
    severity = SEVERITIES[Math.max(0, SEVERITIES.indexOf(severity) - 1)]!;
  const confidence = minConfidence(meta.confidence, src?.confidence, report.confidence);
  const finding: Omit<Finding, 'fingerprint'> = {
    ruleId: meta.id,
    messageId: report.messageId,
    message: maskText(fill(template, report.data)),
    severity,
    confidence,
    location: location(file, report.loc),
    snippet: snippetOf(lines, report.loc, meta.family === 'secrets'),
    cwe: [...meta.cwe],
    hipaa: [...meta.hipaa],
    fix: meta.fix,
  };
  if (src) {
    const source: PhiSource = {
      kind: src.kind,
      description: maskText(src.why),
      location: location(src.file, src.loc),
      confidence: src.confidence,
    };
    finding.source = source;
  }
  if (report.label && report.label.steps.length) {
    const flow: FlowStep[] = report.label.steps.map((s) => ({
      location: location(s.file, s.loc),
      message: maskText(s.note),
    }));
    const last = flow[flow.length - 1];
    if (!last || last.location.file !== file || last.location.line !== report.loc.line) {
      flow.push({
        location: location(file, report.loc),
        message: maskText(report.sinkNote ?? 'reaches the sink'),
      });
    }
    finding.flow = flow;
  }
  return finding;
}

/** Fingerprints: identical code on two lines of a file gets an occurrence counter, in line order. */
export function assignFingerprints(
  findings: readonly (Omit<Finding, 'fingerprint'> & { lineText: string; mountIds?: string[] })[],
): Finding[] {
  const counts = new Map<string, number>();
  return findings.map(({ lineText, mountIds: _mountIds, ...f }) => {
    const code = lineText.replace(/\s+/g, ' ').trim();
    const base = `${f.ruleId}\0${f.location.file}\0${code}\0${f.source?.kind ?? ''}\0${f.messageId}`;
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    const fingerprint = createHash('sha256').update(`${base}\0${n}`).digest('hex').slice(0, 32);
    return { ...f, fingerprint };
  });
}
