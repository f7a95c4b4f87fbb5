import { stat } from 'node:fs/promises';
import path from 'node:path';

/** Config file names, in the order they are preferred. */
export const CONFIG_FILE_NAMES = ['caregate.yml', 'caregate.yaml', '.caregate.yml'] as const;

export async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * The nearest folder at or above `dir` that holds a `.git` entry, or undefined. `.git` may be a file
 * (worktrees and submodules), so any entry counts.
 */
export async function findGitTop(dir: string): Promise<string | undefined> {
  let current = path.resolve(dir);
  for (;;) {
    if (await exists(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Every config file found in the nearest folder (from `from` upwards) that has one. The search stops
 * after the repository's top folder so a checkout never picks up a stray config from a parent folder
 * it happens to sit in (a home directory, a CI workspace).
 */
export async function findConfigFiles(from: string): Promise<string[]> {
  let current = path.resolve(from);
  for (;;) {
    const found: string[] = [];
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(current, name);
      if (await isFile(candidate)) found.push(candidate);
    }
    if (found.length > 0) return found;
    if (await exists(path.join(current, '.git'))) return [];
    const parent = path.dirname(current);
    if (parent === current) return [];
    current = parent;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
