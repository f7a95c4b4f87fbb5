import { Command, CommanderError } from 'commander';
import { CaregateError, EXIT } from '../core/errors.js';
import { VERSION } from '../version.js';

type Register = (program: Command) => void;

/**
 * Each command lives in its own file and registers itself on the program. They are imported on
 * demand, so `caregate scan` does not load the ledger's database drivers (start-up time matters
 * for CI and agent hooks). Order here is the order `--help` lists them in.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  scan: async () => (await import('./scan.js')).registerScan,
  init: async () => (await import('./init.js')).registerInit,
  doctor: async () => (await import('./doctor.js')).registerDoctor,
  rules: async () => (await import('./rules.js')).registerRules,
  ledger: async () => (await import('./ledger.js')).registerLedger,
  keys: async () => (await import('./keys.js')).registerKeys,
  hook: async () => (await import('./hook.js')).registerHook,
  mcp: async () => (await import('./mcp.js')).registerMcp,
  blame: async () => (await import('./blame.js')).registerBlame,
  log: async () => (await import('./log.js')).registerLog,
  attribution: async () => (await import('./attribution.js')).registerAttribution,
};

export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('caregate')
    .description(
      'Audit-first safety pipeline for AI-assisted healthcare software.\n' +
        'Finds PHI leaks and insecure defaults, maps them to HIPAA 45 CFR 164.312, and keeps a tamper-evident record.',
    )
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    // Set before commands are added: subcommands inherit it, so usage errors exit 2, not 1.
    .exitOverride()
    .addHelpText(
      'after',
      `
Start here:
  $ caregate scan                      find PHI leaks and insecure defaults in this folder
  $ caregate rules show phi-to-log     what a rule finds, why it matters, how to fix it
  $ caregate <command> --help          options of one command`,
    );
  // Only the command being run is loaded; help, unknown commands and no command load them all.
  const named = argv.slice(2).find((a) => !a.startsWith('-'));
  const versionOnly = named === undefined && argv.slice(2).some((a) => a === '-V' || a === '--version');
  const wanted = versionOnly
    ? []
    : named !== undefined && Object.hasOwn(COMMANDS, named) && named !== 'help'
      ? [named]
      : Object.keys(COMMANDS);
  for (const name of wanted) (await COMMANDS[name]!())(program);
  return program;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.clean;
  } catch (err) {
    return handleError(err);
  }
}

export function handleError(err: unknown): number {
  if (err instanceof CommanderError) {
    // --help and --version exit through here with code 0.
    return err.exitCode === 0 ? EXIT.clean : EXIT.error;
  }
  if (err instanceof CaregateError) {
    process.stderr.write(`caregate: ${err.format()}\n`);
    return EXIT.error;
  }
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`caregate: internal error: ${msg} [CG_INTERNAL]\n`);
  if (process.env.CAREGATE_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return EXIT.error;
}
