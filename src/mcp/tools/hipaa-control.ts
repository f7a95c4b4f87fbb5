import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { HIPAA, isHipaaCitation, type HipaaCitation } from '../../core/hipaa.js';
import { RULES } from '../../rules/index.js';
import { nearestNames } from '../nearest.js';
import { errorResult, guarded, textResult } from '../results.js';

const inputSchema = {
  citation: z
    .string()
    .min(1)
    .describe('a 45 CFR citation as findings carry it, e.g. 164.312(b) or 164.312(e)(1)'),
};

export function registerHipaaControl(server: McpServer): void {
  server.registerTool(
    'hipaa_control',
    {
      title: 'Look up a HIPAA safeguard',
      description:
        "The HIPAA Security or Privacy Rule requirement behind a finding's citation (45 CFR 164.3xx/164.5xx): its title and text, and every caregate rule that checks it.",
      inputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ citation }: { citation: string }) =>
      guarded(() => {
        const key = normalizeCitation(citation);
        if (!isHipaaCitation(key)) return errorResult(unknownCitation(citation));
        return present(key);
      }),
  );
}

/** People write "45 CFR § 164.312(E)(1)" or "HIPAA-164.312(b)"; the registry keys are bare. */
export function normalizeCitation(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^hipaa-?/, '')
    .replace(/^45c\.?f\.?r\.?(part)?/, '')
    .replace(/^§+/, '');
}

function present(c: HipaaCitation) {
  const entry = HIPAA[c];
  const rules = RULES.filter((r) => r.meta.hipaa.includes(c)).map((r) => ({
    id: r.meta.id,
    title: r.meta.title,
    severity: r.meta.severity,
  }));
  const w = Math.max(0, ...rules.map((r) => r.id.length));
  const text = [
    `45 CFR ${c} — ${entry.safeguard}`,
    entry.text,
    '',
    rules.length > 0
      ? `caregate rules that check it (${rules.length}):`
      : 'No caregate rule checks this safeguard.',
    ...rules.map((r) => `  ${r.id.padEnd(w)}  ${r.severity.padEnd(8)}  ${r.title}`),
    ...(rules.length > 0 ? ['', 'explain_rule gives any of them in full.'] : []),
  ].join('\n');
  return textResult(text, { citation: c, title: entry.safeguard, text: entry.text, rules });
}

function unknownCitation(citation: string): string {
  const known = Object.keys(HIPAA);
  const near = nearestNames(normalizeCitation(citation), known);
  const list = known.map((k) => `${k} ${HIPAA[k as HipaaCitation].safeguard}`).join('; ');
  return `unknown HIPAA citation '${citation}'${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; caregate knows: ${list}`;
}
