/**
 * Findings as an agent reads them: one line each for the text block, a fixed shape for
 * structuredContent. Messages are masked by the engine; they are masked again here because
 * every output surface does (a rule that forgets costs a disclosure, a second pass costs nothing).
 */
import * as z from 'zod';
import type { Diagnostic, Finding } from '../core/finding.js';
import { maskText } from '../core/mask.js';
import { CONFIDENCES, SEVERITIES } from '../core/severity.js';
import { countBySeverity, plural, severityPhrase, sortFindings } from '../report/util.js';

/** Past this many, the rest are counted, not listed: an agent's context is the scarce resource. */
export const MAX_LISTED_FINDINGS = 200;
/** Diagnostics rarely change what to fix, so the text lists only the first few. */
const LISTED_DIAGNOSTICS = 20;

const locationSchema = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  endLine: z.number(),
  endColumn: z.number(),
});

export const findingSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(SEVERITIES),
  confidence: z.enum(CONFIDENCES),
  message: z.string(),
  location: locationSchema,
  hipaa: z.array(z.string()),
  cwe: z.array(z.string()),
  fix: z.string(),
  /** Suppressed inline by a reviewer, or known from a baseline: shown, but not blocking. */
  suppressed: z.boolean(),
});

export const diagnosticSchema = z.object({
  file: z.string(),
  kind: z.string(),
  message: z.string(),
  line: z.number().optional(),
});

export const scanOutputSchema = {
  findings: z.array(findingSchema).describe('findings, file and line order, at most 200'),
  total: z.number().describe('all findings, including any not listed'),
  blocking: z.number().describe('findings not suppressed: what makes `caregate scan` exit 1'),
  files: z.number().describe('files scanned'),
  diagnostics: z
    .array(diagnosticSchema)
    .describe('files skipped or not parsed, and invalid suppression comments'),
};

export type FindingView = z.infer<typeof findingSchema>;

export function findingView(f: Finding): FindingView {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    confidence: f.confidence,
    message: maskText(f.message),
    location: { ...f.location },
    hipaa: [...f.hipaa],
    cwe: [...f.cwe],
    fix: f.fix,
    suppressed: f.suppression !== undefined,
  };
}

export function findingLine(f: FindingView): string {
  const where = `${f.location.file}:${f.location.line}`;
  const flag = f.suppressed ? ' [suppressed]' : '';
  return `${f.severity.toUpperCase()} ${f.ruleId} ${where}${flag}: ${f.message} Fix: ${f.fix}`;
}

/** Text summary and structuredContent for one scan, from the engine's findings. */
export function presentScan(
  what: string,
  findings: readonly Finding[],
  diagnostics: readonly Diagnostic[],
  files: number,
): { text: string; structured: Record<string, unknown> } {
  const sorted = sortFindings(findings);
  const open = sorted.filter((f) => f.suppression === undefined);
  const listed = sorted.slice(0, MAX_LISTED_FINDINGS).map(findingView);
  const diags = diagnostics.slice(0, MAX_LISTED_FINDINGS).map((d) => ({
    file: d.file,
    kind: d.kind,
    message: maskText(d.message),
    ...(d.line !== undefined ? { line: d.line } : {}),
  }));
  const suppressed = sorted.length - open.length;
  const head =
    open.length === 0
      ? `No findings in ${what} (${plural(files, 'file')} scanned${suppressed ? `, ${suppressed} suppressed` : ''}).`
      : `${plural(open.length, 'finding')} in ${what} (${severityPhrase(countBySeverity(open))}; ${plural(files, 'file')} scanned${suppressed ? `, ${suppressed} suppressed` : ''}):`;
  const lines = [head, ...listed.map(findingLine)];
  if (sorted.length > listed.length)
    lines.push(`... and ${sorted.length - listed.length} more; scan a smaller path to see them.`);
  if (files === 0)
    lines.push(
      'Nothing was scanned: caregate reads code (.ts .js .py and friends), infrastructure configuration (*.tf, Dockerfile, compose, Kubernetes, .env, nginx, Apache) and data files (JSON, CSV, HL7, SQL, text), and skips what .gitignore, .caregateignore or caregate.yml ignore.',
    );
  if (diags.length > 0) {
    lines.push(
      `${plural(diagnostics.length, 'diagnostic')} (skipped or unparsed files, invalid suppressions):`,
    );
    for (const d of diags.slice(0, LISTED_DIAGNOSTICS))
      lines.push(`  ${d.file}${d.line ? `:${d.line}` : ''}: ${d.message}`);
    if (diagnostics.length > LISTED_DIAGNOSTICS)
      lines.push(
        `  ... and ${diagnostics.length - LISTED_DIAGNOSTICS} more in structuredContent.diagnostics`,
      );
  }
  return {
    text: lines.join('\n'),
    structured: {
      findings: listed,
      total: sorted.length,
      blocking: open.length,
      files,
      diagnostics: diags,
    },
  };
}
