/**
 * A rule explained in words: what `caregate rules show` prints and the MCP server's explain_rule
 * returns. The two differ only in how code examples are set (indented for a terminal, fenced for an
 * agent).
 */
import { CWE } from '../../core/cwe.js';
import { HIPAA } from '../../core/hipaa.js';
import type { Rule } from './rule.js';

const COMMENTLESS = ['json', 'ndjson', 'csv', 'tsv', 'hl7'];

export function explainRule(rule: Rule, example: (code: string) => string): string[] {
  const m = rule.meta;
  return [
    `${m.id} — ${m.title}`,
    '',
    `severity: ${m.severity}    confidence: ${m.confidence}    family: ${m.family}`,
    `CWE: ${m.cwe.map((c) => `${c} ${CWE[c]}`).join('; ')}`,
    'HIPAA:',
    ...m.hipaa.map((h) => `  45 CFR ${h} ${HIPAA[h].safeguard}: ${HIPAA[h].text}`),
    '',
    m.docs.summary,
    ...(m.docs.details ? ['', m.docs.details] : []),
    '',
    `Fix: ${m.fix}`,
    '',
    `Bad (${m.docs.exampleFile}):`,
    example(m.docs.bad),
    `Good (${m.docs.exampleFile}):`,
    example(m.docs.good),
    ...suppressionHelp(rule),
  ];
}

/** How to suppress one of the rule's findings, in the comment syntax of what it reads. */
export function suppressionHelp(rule: Rule): string[] {
  const id = rule.meta.id;
  const kinds = rule.documents?.kinds ?? [];
  const out: string[] = [];
  if (rule.check)
    out.push(`Suppress one finding: // caregate-ignore ${id}: <why this is safe>   (Python: # …)`);
  if (kinds.some((k) => !COMMENTLESS.includes(k)))
    out.push(`In files with # comments: # caregate-ignore ${id}: <why this is safe>   (SQL: -- …)`);
  if (kinds.some((k) => COMMENTLESS.includes(k)))
    out.push('JSON, CSV and HL7 have no comments: list such a file under `ignore:` in caregate.yml.');
  return out;
}
