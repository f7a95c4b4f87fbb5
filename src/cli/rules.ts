import type { Command } from 'commander';
import { CWE } from '../core/cwe.js';
import { CaregateError } from '../core/errors.js';
import { HIPAA } from '../core/hipaa.js';
import { RULES, ruleById } from '../rules/index.js';
import type { Rule } from '../rules/support/rule.js';

export function registerRules(program: Command): void {
  const rules = program
    .command('rules')
    .description("List the rules, or show one rule's documentation with bad and good examples.")
    .option('--json', 'print the rule metadata as JSON')
    .addHelpText('after', '\nExamples:\n  $ caregate rules\n  $ caregate rules show phi-to-log')
    .action((flags: { json?: boolean }) => {
      if (flags.json) {
        process.stdout.write(
          `${JSON.stringify(
            RULES.map((r) => r.meta),
            null,
            2,
          )}\n`,
        );
        return;
      }
      const w = Math.max(...RULES.map((r) => r.meta.id.length));
      const lines = RULES.map(
        (r) =>
          `${r.meta.id.padEnd(w)}  ${r.meta.severity.padEnd(8)}  ${r.meta.title}  [${r.meta.hipaa.join(', ')}]`,
      );
      process.stdout.write(
        `${'rule'.padEnd(w)}  severity  title  [HIPAA 45 CFR]\n${lines.join('\n')}\n\n${RULES.length} rules. Details: caregate rules show <id>\n`,
      );
    });
  rules
    .command('show')
    .description("Print a rule's documentation: what it finds, why it matters under HIPAA, how to fix it.")
    .argument('<id>', 'rule id, e.g. phi-to-log')
    .action((id: string) => {
      const rule = ruleById(id);
      if (!rule) {
        const near = RULES.map((r) => r.meta.id).find((r) => r.includes(id) || id.includes(r.split('-')[0]!));
        throw new CaregateError(
          'CG_RULE_UNKNOWN',
          `unknown rule '${id}'${near ? ` (did you mean '${near}'?)` : ''}; run \`caregate rules\` for the list`,
        );
      }
      const m = rule.meta;
      const out = [
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
        indent(m.docs.bad),
        `Good (${m.docs.exampleFile}):`,
        indent(m.docs.good),
        ...suppressionHelp(rule),
      ];
      process.stdout.write(`${out.join('\n')}\n`);
    });
}

/** How to suppress a finding of this rule, in the comment syntax of the files it reads. */
function suppressionHelp(rule: Rule): string[] {
  const id = rule.meta.id;
  const kinds = rule.documents?.kinds ?? [];
  const hashComments = kinds.some((k) => !['json', 'ndjson', 'csv', 'tsv', 'hl7'].includes(k));
  const out: string[] = [];
  if (rule.check)
    out.push(`Suppress one finding: // caregate-ignore ${id}: <why this is safe>   (Python: # …)`);
  if (hashComments)
    out.push(`In files with # comments: # caregate-ignore ${id}: <why this is safe>   (SQL: -- …)`);
  if (kinds.some((k) => ['json', 'ndjson', 'csv', 'tsv', 'hl7'].includes(k)))
    out.push('JSON, CSV and HL7 have no comments: list such a file under `ignore:` in caregate.yml.');
  return out;
}

function indent(code: string): string {
  return (
    code
      .trimEnd()
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n') + '\n'
  );
}
