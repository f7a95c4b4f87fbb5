import { execFileSync } from 'node:child_process';

/** The git work tree holding `cwd` (guard state and the ledger live at its top), else `cwd` itself. */
export function projectRoot(cwd: string): string {
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return top || cwd;
  } catch {
    return cwd;
  }
}
