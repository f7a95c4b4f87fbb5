import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The git work tree holding `cwd` (guard state and the ledger live at its top), else `cwd` itself.
 * Found by looking for `.git` upwards rather than asking git: every hook call needs it, and
 * starting a git process costs more than the rest of the hook client.
 */
export function projectRoot(cwd: string): string {
  let dir = path.resolve(cwd);
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.resolve(cwd);
    dir = up;
  }
}
