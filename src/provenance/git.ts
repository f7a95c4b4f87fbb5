/** The git plumbing line attribution needs: added lines of a commit, notes, blame. */
import { execFileSync } from 'node:child_process';
import { parsePatch } from 'diff';
import { CaregateError } from '../core/errors.js';

export function git(root: string, args: string[], input?: string): string {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      input: input ?? '',
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new CaregateError(
      'CG_GIT',
      `git ${args[0]} failed: ${(e.stderr || e.message).trim().split('\n')[0]}`,
    );
  }
}

export function tryGit(root: string, args: string[]): string | null {
  try {
    return git(root, args);
  } catch {
    return null;
  }
}

export interface AddedLine {
  file: string;
  line: number;
  text: string;
}

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** Lines a commit added or changed, against its first parent (everything, for a root commit). */
export function addedLines(root: string, sha: string): AddedLine[] {
  const parent = tryGit(root, ['rev-parse', '--verify', '--quiet', `${sha}^`])?.trim() || EMPTY_TREE;
  const diff = git(root, ['diff', '--no-color', '--no-ext-diff', '--unified=0', '--no-renames', parent, sha]);
  const out: AddedLine[] = [];
  for (const file of parsePatch(diff)) {
    const name = file.newFileName;
    if (!name || name === '/dev/null') continue;
    const rel = name.replace(/^b\//, '');
    for (const h of file.hunks) {
      let n = h.newStart;
      for (const l of h.lines) {
        if (l.startsWith('+')) out.push({ file: rel, line: n++, text: l.slice(1) });
        else if (!l.startsWith('-') && !l.startsWith('\\')) n++;
      }
    }
  }
  return out;
}

export function readNote(root: string, ref: string, sha: string): string | null {
  return tryGit(root, ['notes', `--ref=${ref}`, 'show', sha]);
}

export function writeNote(root: string, ref: string, sha: string, text: string): void {
  git(root, ['notes', `--ref=${ref}`, 'add', '-f', '-F', '-', sha], text);
}

export interface CommitInfo {
  sha: string;
  author: string;
  time: number;
  message: string;
}

export function commitInfo(root: string, rev: string): CommitInfo {
  const out = git(root, ['show', '-s', '--format=%H%x00%an <%ae>%x00%ct%x00%B', rev]);
  const [sha, author, time, ...rest] = out.split('\0');
  return { sha: sha!.trim(), author: author!, time: Number(time), message: rest.join('\0') };
}

export interface BlameLine {
  sha: string;
  /** The file's path in that commit. */
  file: string;
  line: number;
  text: string;
}

/** `git blame` of the working-tree file; uncommitted lines have an all-zero sha. */
export function blame(root: string, file: string): BlameLine[] {
  const out = git(root, ['blame', '--line-porcelain', '--', file]);
  const lines: BlameLine[] = [];
  let cur: Partial<BlameLine> = {};
  for (const l of out.split('\n')) {
    const head = /^([0-9a-f]{40}) (\d+) (\d+)/.exec(l);
    if (head) {
      cur = { sha: head[1]!, line: Number(head[3]) };
      continue;
    }
    if (l.startsWith('filename ')) cur.file = l.slice(9);
    else if (l.startsWith('\t')) {
      lines.push({ sha: cur.sha!, file: cur.file ?? file, line: cur.line!, text: l.slice(1) });
    }
  }
  return lines;
}
