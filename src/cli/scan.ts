import type { Command } from 'commander';
import { Option } from 'commander';
import { CaregateError, EXIT } from '../core/errors.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import { FORMATS, isFormat, render } from '../report/index.js';
import { SOURCE_EXTENSIONS } from '../lang/index.js';
import { scan } from '../scan/scan.js';
import { Progress, useColor, writeOutput } from './output.js';

interface ScanFlags {
  format: string;
  output?: string;
  minSeverity?: string;
  baseline?: string;
  changed?: string | boolean;
  config?: string;
  progress: boolean;
  quiet?: boolean;
  jobs?: number;
}

function parseJobs(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new CaregateError('CG_USAGE', `--jobs must be a whole number from 1 to 64 (got '${v}')`);
  return n;
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description(
      'Find PHI leaks and insecure defaults in code, infrastructure configuration and data files, mapped to HIPAA 45 CFR 164.312 and CWE.',
    )
    .argument('[paths...]', 'files or folders to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices([...FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option(
        '--min-severity <level>',
        'report findings at or above this severity (default: caregate.yml minSeverity, else low)',
      ).choices([...SEVERITIES]),
    )
    .option('--baseline <file>', 'a previous JSON or SARIF report: report only findings not in it')
    .option(
      '--changed [base]',
      'scan only files changed against a git ref (default HEAD), plus untracked files',
    )
    .option('-c, --config <file>', 'use this caregate.yml instead of searching for one')
    .option(
      '-j, --jobs <n>',
      'worker threads for large scans (default: 1 on 2 cores, else cores up to 4)',
      parseJobs,
    )
    .option('--no-progress', 'do not show a progress bar')
    .option('-q, --quiet', 'print findings only: no progress and no summary when nothing is found')
    .addHelpText(
      'after',
      `
Exit codes: 0 no findings at or above --min-severity, 1 findings, 2 usage, config or tool error.

Examples:
  $ caregate scan                                  scan the current folder
  $ caregate scan src api --min-severity high      only high and critical findings
  $ caregate scan --format sarif -o caregate.sarif upload to GitHub code scanning
  $ caregate scan --changed origin/main            only what a pull request changes
  $ caregate scan --format json -o base.json && caregate scan --baseline base.json

What is read:
  code     .ts .tsx .js .jsx .mjs .cjs .mts .cts (oxc), .py (tree-sitter): dataflow across files
  infra    *.tf *.tfvars, Dockerfile, docker-compose*.yml, Kubernetes YAML, .env*, nginx, Apache
  data     .json .ndjson .jsonl .csv .tsv .hl7 .sql .txt .log and YAML data (up to 64 MB each)

Suppress one finding with a reason, on its line or the line above, in the file's comment syntax:
  // caregate-ignore phi-to-log: id only, verified by the privacy office
  # caregate-ignore tf-bucket-unencrypted: logs bucket, no PHI (SEC-231)
JSON, CSV and HL7 have no comments: list such files under ignore: in caregate.yml.

Files are walked honouring .gitignore, .caregateignore and ignore: in caregate.yml;
node_modules, build output and minified or generated files are skipped.`,
    )
    .action(async (paths: string[], flags: ScanFlags, cmd: Command) => {
      const format = flags.format;
      if (!isFormat(format)) throw new CaregateError('CG_USAGE', `unknown format '${format}'`);
      const started = new Date();
      const progress = new Progress(flags.progress && !flags.quiet && Boolean(process.stderr.isTTY));
      const outcome = await scan({
        paths,
        ...(flags.config ? { configFile: flags.config } : {}),
        ...(flags.minSeverity ? { minSeverity: flags.minSeverity as Severity } : {}),
        ...(flags.baseline ? { baseline: flags.baseline } : {}),
        ...(flags.changed ? { changed: flags.changed === true ? true : flags.changed } : {}),
        ...(flags.jobs ? { jobs: flags.jobs } : {}),
        onProgress: (d, t, f) => progress.update(d, t, f),
      });
      progress.done();
      if (outcome.result.stats.files === 0 && !flags.quiet) {
        process.stderr.write(
          `caregate: warning: no source files to scan in ${paths.join(', ')} (caregate reads code: ${[...SOURCE_EXTENSIONS].join(' ')}; configuration: *.tf, Dockerfile, compose and Kubernetes YAML, .env, nginx/Apache; data: JSON, NDJSON, CSV/TSV, HL7, SQL, text)\n`,
        );
      }
      const exitCode = outcome.blocking > 0 ? EXIT.findings : EXIT.clean;
      const color = format === 'text' && !flags.output && useColor(process.stdout);
      const ctx = {
        result: outcome.result,
        rules: outcome.rules,
        minSeverity: outcome.minSeverity,
        exitCode: exitCode,
        commandLine: cmd.parent ? process.argv.slice(2) : [],
        startTime: started,
        endTime: new Date(),
        color,
        ...(flags.baseline ? { baselineNew: outcome.result.findings.length } : {}),
      };
      const text = render(format, ctx);
      if (flags.output) {
        writeOutput(flags.output, text);
        if (!flags.quiet)
          process.stderr.write(
            `caregate: wrote ${format} report to ${flags.output} (${outcome.blocking} finding${outcome.blocking === 1 ? '' : 's'})\n`,
          );
      } else if (!(flags.quiet && format === 'text' && outcome.result.findings.length === 0)) {
        process.stdout.write(text);
      }
      process.exitCode = exitCode;
    });
}
