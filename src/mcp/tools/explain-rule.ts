import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { CWE } from '../../core/cwe.js';
import { HIPAA } from '../../core/hipaa.js';
import type { RuleMeta } from '../../core/rule.js';
import { RULES, ruleById } from '../../rules/index.js';
import type { Rule } from '../../rules/support/rule.js';
import { nearestNames } from '../nearest.js';
import { errorResult, guarded, textResult } from '../results.js';

const inputSchema = {
  rule: z.string().min(1).describe('rule id as findings report it, e.g. phi-to-log'),
};

export function registerExplainRule(server: McpServer): void {
  server.registerTool(
    'explain_rule',
    {
      title: 'Explain a caregate rule',
      description:
        'What a caregate rule finds, why it matters under HIPAA (45 CFR citations), its CWE, how to fix it, and a bad and a good example. Use it on the ruleId of a finding before changing the code.',
      inputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ rule }: { rule: string }) =>
      guarded(() => {
        const found = ruleById(rule.trim());
        if (!found) return errorResult(unknownRule(rule));
        return textResult(explanation(found), ruleView(found.meta));
      }),
  );
}

function unknownRule(id: string): string {
  const ids = RULES.map((r) => r.meta.id);
  const near = nearestNames(id, ids);
  return near.length > 0
    ? `unknown rule '${id}'; did you mean ${near.map((n) => `'${n}'`).join(', ')}?`
    : `unknown rule '${id}'; the rules are: ${ids.join(', ')}`;
}

/** The same content as `caregate rules show`, laid out for an agent. */
function explanation(rule: Rule): string {
  const m = rule.meta;
  return [
    `${m.id} — ${m.title}`,
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
    fenced(m.docs.bad),
    `Good (${m.docs.exampleFile}):`,
    fenced(m.docs.good),
    ...suppression(rule),
  ].join('\n');
}

/** JSON, CSV and HL7 have no comment syntax, so a finding there cannot be suppressed inline. */
const COMMENTLESS = ['json', 'ndjson', 'csv', 'tsv', 'hl7'];

function suppression(rule: Rule): string[] {
  const kinds = rule.documents?.kinds ?? [];
  const out: string[] = [];
  if (rule.check || kinds.some((k) => !COMMENTLESS.includes(k)))
    out.push(
      `Suppress one reviewed finding with a reason, in a comment on its line or the line above: caregate-ignore ${rule.meta.id}: <why this is safe>`,
    );
  if (kinds.some((k) => COMMENTLESS.includes(k)))
    out.push('JSON, CSV and HL7 have no comments: list such a file under `ignore:` in caregate.yml.');
  return out;
}

function fenced(code: string): string {
  return `\`\`\`\n${code.trimEnd()}\n\`\`\``;
}

function ruleView(m: RuleMeta): Record<string, unknown> {
  return {
    id: m.id,
    title: m.title,
    severity: m.severity,
    confidence: m.confidence,
    family: m.family,
    cwe: m.cwe.map((id) => ({ id, name: CWE[id] })),
    hipaa: m.hipaa.map((citation) => ({ citation, ...HIPAA[citation] })),
    summary: m.docs.summary,
    ...(m.docs.details ? { details: m.docs.details } : {}),
    fix: m.fix,
    example: { file: m.docs.exampleFile, bad: m.docs.bad, good: m.docs.good },
  };
}
