/**
 * Inline suppressions: `// caregate-ignore <rule-id>[, <rule-id>]: <reason>` on the line of the
 * finding or the line above. A reason is required, so every accepted risk is explained in review;
 * a suppression without one is reported as a diagnostic and suppresses nothing.
 */
import type { Comment } from '../analysis/ir.js';
import type { Diagnostic } from '../core/finding.js';

export interface InlineSuppression {
  rules: string[];
  reason: string;
  line: number;
}

const MARKER = /caregate-ignore(?:-next-line)?\b(.*)$/;

export function parseSuppressions(
  file: string,
  comments: readonly Comment[],
  knownRules: ReadonlySet<string>,
): { byLine: Map<number, InlineSuppression[]>; diagnostics: Diagnostic[] } {
  const byLine = new Map<number, InlineSuppression[]>();
  const diagnostics: Diagnostic[] = [];
  for (const c of comments) {
    const m = MARKER.exec(c.text);
    if (!m) continue;
    const rest = m[1]!.trim();
    const colon = rest.indexOf(':');
    const ids = (colon >= 0 ? rest.slice(0, colon) : rest).split(/[\s,]+/).filter(Boolean);
    const reason =
      colon >= 0
        ? rest
            .slice(colon + 1)
            .trim()
            .replace(/\*\/\s*$/, '')
            .trim()
        : '';
    if (ids.length === 0 || !reason) {
      diagnostics.push({
        file,
        kind: 'invalid-suppression',
        line: c.line,
        message:
          'caregate-ignore needs a rule id and a reason: `// caregate-ignore <rule-id>: <why this is safe>`',
      });
      continue;
    }
    const unknown = ids.filter((id) => id !== '*' && !knownRules.has(id));
    if (unknown.length) {
      diagnostics.push({
        file,
        kind: 'invalid-suppression',
        line: c.line,
        message: `caregate-ignore names unknown rule ${unknown.map((u) => `'${u}'`).join(', ')}`,
      });
    }
    const s: InlineSuppression = { rules: ids, reason, line: c.line };
    // A comment applies to its own line (trailing) and to the line after it.
    for (const line of [c.endLine, c.endLine + 1]) {
      const list = byLine.get(line) ?? [];
      list.push(s);
      byLine.set(line, list);
    }
  }
  return { byLine, diagnostics };
}

export function suppressionFor(
  byLine: Map<number, InlineSuppression[]>,
  ruleId: string,
  line: number,
): InlineSuppression | undefined {
  return byLine.get(line)?.find((s) => s.rules.includes(ruleId) || s.rules.includes('*'));
}
