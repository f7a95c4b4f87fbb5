/**
 * Which command the installed hooks run to reach caregate. A project-local install
 * (node_modules/.bin/caregate) works on every clone; the path of the CLI running now only works on
 * this machine, so it comes with a warning. Agent hooks run bin/caregate-hook where bash is
 * (every call is a new process, and it needs no Node.js start); git hooks run the Node.js CLI.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AGENT_SETUPS, LOCAL_BIN, LOCAL_HOOK_BIN, type AgentSetup } from './agents.js';
import { onPath } from './paths.js';

export interface HookCommands {
  /** The executable part of an agent hook's command (before ` hook <agent>`). */
  forAgent(agent: AgentSetup): string;
  /** The executable part of the git hooks' command; git runs hooks at the work tree's top. */
  git: string;
  /** How the command was chosen, for the report. */
  source: 'option' | 'local' | 'absolute';
  /** Set when the command works only on this machine. */
  warning?: string;
}

/** Quote for a POSIX shell, only when needed so common paths stay readable. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The CLI running now, as `<node> <package>/bin/caregate.js` (src/ and dist/ sit at the same depth). */
export function runningCli(): string {
  const bin = fileURLToPath(new URL('../../bin/caregate.js', import.meta.url));
  return `${shellQuote(process.execPath)} ${shellQuote(bin)}`;
}

/** The bash client of the package running now (src/ and dist/ sit at the same depth). */
export function runningHookClient(): string {
  return shellQuote(fileURLToPath(new URL('../../bin/caregate-hook', import.meta.url)));
}

/** Whether agents here can run bin/caregate-hook: not on Windows, and bash on PATH. */
export function bashAvailable(): boolean {
  if (process.platform === 'win32') return false;
  return onPath('bash') !== undefined;
}

export function resolveHookCommands(opts: {
  root: string;
  command?: string;
  gitTree: boolean;
  /** Whether to use bin/caregate-hook for agent hooks (default: where bash is available). */
  bash?: boolean;
}): HookCommands {
  const given = opts.command?.trim();
  if (given) return { forAgent: () => given, git: given, source: 'option' };
  const bash = opts.bash ?? bashAvailable();
  if (existsSync(path.join(opts.root, LOCAL_BIN))) {
    const bin = bash && existsSync(path.join(opts.root, LOCAL_HOOK_BIN)) ? LOCAL_HOOK_BIN : LOCAL_BIN;
    return { forAgent: (agent) => agent.localBin(opts.gitTree, bin), git: LOCAL_BIN, source: 'local' };
  }
  const cli = runningCli();
  const hookClient = bash ? runningHookClient() : cli;
  return {
    forAgent: () => hookClient,
    git: cli,
    source: 'absolute',
    warning:
      `caregate is not installed in this project, so the hooks run ${cli}: that path works only on this machine. ` +
      'Run `npm i -D caregate` and then `caregate init` again to make them work on every clone.',
  };
}

/**
 * Whether `base` is a command init writes by itself (a project-local form, or the running CLI's
 * absolute path), as opposed to one the user chose. Only those are replaced when init runs again
 * and picks another: a user's own wrapper is never rewritten.
 */
export function isGeneratedBase(base: string): boolean {
  const local = new Set(
    Object.values(AGENT_SETUPS).flatMap((a) =>
      [LOCAL_BIN, LOCAL_HOOK_BIN].flatMap((bin) => [a.localBin(true, bin), a.localBin(false, bin)]),
    ),
  );
  if (local.has(base) || base === LOCAL_BIN) return true;
  const word = String.raw`(?:'[^']+'|[^\s']+)`;
  if (new RegExp(String.raw`^${word}$`).test(base)) return /[/\\]bin[/\\]caregate-hook'?$/.test(base);
  return new RegExp(String.raw`^${word}\s+${word}$`).test(base) && /[/\\]bin[/\\]caregate\.js'?$/.test(base);
}
