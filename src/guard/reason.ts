/**
 * What the agent reads when caregate denies an edit: each problem with the rule, the line, why the
 * value is PHI and the fix, so the agent can correct its edit and try again. Findings are already
 * masked; nothing here adds source text.
 */
import type { Finding } from '../core/finding.js';
import type { EditVerdict } from './evaluate.js';

const MAX_LISTED = 8;

export function denyReason(verdict: EditVerdict): string {
  const blocking = verdict.files.flatMap((f) => f.blocking);
  const lines = [
    `caregate blocked this edit: it would introduce ${count(blocking.length, 'problem')} in code that handles patient data.`,
  ];
  blocking.slice(0, MAX_LISTED).forEach((f, i) => lines.push(`${i + 1}. ${describe(f)}`));
  if (blocking.length > MAX_LISTED) lines.push(`… and ${blocking.length - MAX_LISTED} more.`);
  lines.push(
    'Rewrite the edit without these problems and try again (findings the file already had do not block).',
    'A caregate-ignore comment added by this edit does not count: if a finding is a false positive, ask the user to review it.',
  );
  return lines.join('\n');
}

export function describe(f: Finding): string {
  const where = `${f.location.file}:${f.location.line}`;
  const why =
    f.source && !f.message.includes(f.source.description) ? ` Why it is PHI: ${f.source.description}.` : '';
  const hipaa = f.hipaa.length > 0 ? ` (HIPAA ${f.hipaa.join(', ')})` : '';
  return `${f.ruleId} [${f.severity}] at ${where}: ${f.message}${why} Fix: ${f.fix}${hipaa}`;
}

/** Findings an allowed edit introduces below the blocking severity: told to the agent, not blocking. */
export function warnText(verdict: EditVerdict): string | undefined {
  const below = verdict.files.flatMap((f) => f.introduced.filter((x) => !f.blocking.includes(x)));
  if (below.length === 0) return undefined;
  return [
    `caregate: this edit adds ${count(below.length, 'lower-severity finding')} (not blocking):`,
    ...below.slice(0, MAX_LISTED).map((f) => `- ${describe(f)}`),
  ].join('\n');
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
