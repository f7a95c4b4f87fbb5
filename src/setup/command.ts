/**
 * Which command the installed hooks run to reach caregate. A project-local install
 * (node_modules/.bin/caregate) works on every clone; the path of the CLI running now only works on
 * this machine, so it comes with a warning.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AGENT_SETUPS, LOCAL_BIN, type AgentSetup } from './agents.js';

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

export function resolveHookCommands(opts: {
  root: string;
  command?: string;
  gitTree: boolean;
}): HookCommands {
  const given = opts.command?.trim();
  if (given) return { forAgent: () => given, git: given, source: 'option' };
  if (existsSync(path.join(opts.root, LOCAL_BIN))) {
    return { forAgent: (agent) => agent.localBin(opts.gitTree), git: LOCAL_BIN, source: 'local' };
  }
  const cli = runningCli();
  return {
    forAgent: () => cli,
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
  const local = new Set(Object.values(AGENT_SETUPS).flatMap((a) => [a.localBin(true), a.localBin(false)]));
  if (local.has(base) || base === LOCAL_BIN) return true;
  const word = String.raw`(?:'[^']+'|[^\s']+)`;
  return new RegExp(String.raw`^${word}\s+${word}$`).test(base) && /[/\\]bin[/\\]caregate\.js'?$/.test(base);
}
