import type { Command } from 'commander';
import { EXIT } from '../core/errors.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description(
      "Check caregate's setup in this repository: caregate.yml, each agent's hooks, the hook command, the git attribution hooks, the signing key, the ledger and the guard server.",
    )
    .option('--json', 'print the checks as JSON')
    .addHelpText(
      'after',
      `
Each check prints ok, warn or FAIL (info for the guard server) and, when it is not ok, the fix.
Exit codes: 0 no FAIL, 1 at least one FAIL, 2 doctor itself could not run.

Doctor runs the hook command with --version only when it is caregate itself (a node_modules/.bin
link, or node with caregate's bin/caregate.js); other commands are only checked to exist.

Examples:
  $ caregate doctor
  $ caregate doctor --json | jq '.checks[] | select(.level == "FAIL")'`,
    )
    .action(async (o: { json?: boolean }) => {
      const [{ runDoctor, doctorFailed }, { projectRoot }] = await Promise.all([
        import('../setup/doctor.js'),
        import('../guard/root.js'),
      ]);
      const root = projectRoot(process.cwd());
      const checks = await runDoctor({ root });
      const failed = doctorFailed(checks);
      if (o.json) {
        process.stdout.write(`${JSON.stringify({ root, ok: !failed, checks }, null, 2)}\n`);
      } else {
        let out = `caregate doctor in ${root}\n`;
        for (const c of checks) {
          out += `${c.level.padEnd(5)} ${c.check}: ${c.message}${c.fix ? `; fix: ${c.fix}` : ''}\n`;
        }
        const fails = checks.filter((c) => c.level === 'FAIL').length;
        const warns = checks.filter((c) => c.level === 'warn').length;
        out += failed
          ? `\n${fails} check(s) failed${warns ? `, ${warns} warning(s)` : ''}.\n`
          : `\nAll checks passed${warns ? ` (${warns} warning(s))` : ''}.\n`;
        process.stdout.write(out);
      }
      process.exitCode = failed ? EXIT.findings : EXIT.clean;
    });
}
