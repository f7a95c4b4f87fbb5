import type { Command } from 'commander';
import { CaregateError } from '../core/errors.js';
import { RULES, ruleById } from '../rules/index.js';
import { explainRule } from '../rules/support/explain.js';

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
      const out = explainRule(rule, indent);
      process.stdout.write(`${out.join('\n')}\n`);
    });
}

/** How to suppress a finding of this rule, in the comment syntax of the files it reads. */
function indent(code: string): string {
  return (
    code
      .trimEnd()
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n') + '\n'
  );
}
