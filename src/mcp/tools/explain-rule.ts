import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { CWE } from '../../core/cwe.js';
import { HIPAA } from '../../core/hipaa.js';
import type { RuleMeta } from '../../core/rule.js';
import { RULES, ruleById } from '../../rules/index.js';
import { explainRule } from '../../rules/support/explain.js';
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

/** The same content as `caregate rules show`, with code examples fenced for an agent. */
function explanation(rule: Rule): string {
  return explainRule(rule, fenced).join('\n');
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
