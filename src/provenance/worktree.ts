/**
 * Changes nobody told the guard about (a shell command's writes, a tool without hooks): the
 * working tree's files as last seen (size and modification time) against now. Needs git for the
 * file list (tracked and untracked, ignores honoured); elsewhere shell changes are not followed.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';

/** Files by path with size and modification time: enough to tell which changed, without reading them. */
export type Checkpoint = Record<string, { size: number; mtimeMs: number }>;

export function gitFiles(root: string): string[] | null {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '-co', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return out.split('\0').filter((f) => f !== '' && !f.startsWith('.caregate/'));
  } catch {
    return null;
  }
}

export function takeCheckpoint(root: string, files = gitFiles(root)): Checkpoint | undefined {
  if (!files) return undefined;
  const out: Checkpoint = {};
  for (const rel of files) {
    try {
      const st = statSync(path.join(root, rel));
      if (st.isFile()) out[rel] = { size: st.size, mtimeMs: st.mtimeMs };
    } catch {
      // Listed by git but gone (deleted in the working tree): absent from the checkpoint.
    }
  }
  return out;
}

/** Files added or changed since `before` (deleted files have no lines to attribute or scan). */
export function changedSince(before: Checkpoint, now: Checkpoint): string[] {
  return Object.keys(now).filter((rel) => {
    const a = before[rel];
    const b = now[rel]!;
    return !a || a.size !== b.size || a.mtimeMs !== b.mtimeMs;
  });
}

/** The file as git's index has it (the content a change is measured against); null when untracked. */
export function indexVersion(root: string, rel: string): string | null {
  try {
    return execFileSync('git', ['show', `:${rel}`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch {
    return null;
  }
}
