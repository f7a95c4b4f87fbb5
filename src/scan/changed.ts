import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { CaregateError } from '../core/errors.js';

const run = promisify(execFile);

interface GitFailure {
  code?: number | string;
  stderr?: string;
}

async function git(root: string, args: string[]): Promise<string> {
  try {
    const pending = run('git', ['-C', root, ...args], {
      encoding: 'utf8',
      // Large monorepos list tens of thousands of paths; the 1 MB default is not enough.
      maxBuffer: 512 * 1024 * 1024,
      // Read-only: do not take index.lock, so a scan never blocks (or is blocked by) an editor or
      // agent running git at the same time.
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    });
    // Nothing is ever written to git's stdin; closing it means a command that reads it gets EOF.
    pending.child.stdin?.end();
    const { stdout } = await pending;
    return stdout;
  } catch (err) {
    const failure = err as GitFailure;
    if (failure.code === 'ENOENT') {
      throw new CaregateError('CG_GIT', 'git is not installed or not on PATH; --changed needs it');
    }
    throw err;
  }
}

/** git's own explanation (first line of stderr), or '' when it printed none. */
function firstLine(err: unknown): string {
  const stderr = (err as GitFailure).stderr ?? '';
  const line = stderr.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.replace(/^(fatal|error): /, '').trim();
}

function inParens(detail: string): string {
  return detail ? ` (${detail})` : '';
}

function splitZ(out: string): string[] {
  return out.split('\0').filter((p) => p !== '');
}

/**
 * Files changed since the merge base of `base` and HEAD, as absolute paths under `root`: added,
 * copied, modified, renamed (new name) or type-changed in the working tree, plus untracked files
 * git does not ignore. Deleted files are left out. `base` defaults to HEAD (uncommitted work only).
 */
export async function changedFiles(root: string, base?: string): Promise<Set<string>> {
  const dir = path.resolve(root);
  const ref = base ?? 'HEAD';
  // A ref starting with '-' would be read by git as an option.
  if (ref.startsWith('-') || ref.trim() === '') {
    throw new CaregateError('CG_GIT', `'${ref}' is not a git ref`);
  }

  try {
    await git(dir, ['rev-parse', '--is-inside-work-tree']);
  } catch (err) {
    if (err instanceof CaregateError) throw err;
    throw new CaregateError(
      'CG_GIT',
      `--changed needs a git repository, and ${dir} is not in one${inParens(firstLine(err))}`,
    );
  }

  const from = await diffBase(dir, ref, base === undefined);

  // `git diff <commit>` compares the commit with the working tree, so staged and unstaged edits both
  // count. Rename detection is off: a rename then shows as an add of the new path, which is the path
  // we want, and git skips the similarity search. --relative keeps paths (and the diff) under `dir`.
  const diffArgs = [
    'diff',
    '--name-only',
    '-z',
    '--no-renames',
    '--no-ext-diff',
    '--relative',
    '--diff-filter=ACMRT',
  ];
  const [diffOut, untrackedOut] = await Promise.all([
    git(dir, [...diffArgs, from, '--']).catch((err: unknown) => {
      if (err instanceof CaregateError) throw err;
      throw new CaregateError('CG_GIT', `git diff against '${ref}' failed${inParens(firstLine(err))}`);
    }),
    git(dir, ['ls-files', '--others', '--exclude-standard', '-z']).catch((err: unknown) => {
      if (err instanceof CaregateError) throw err;
      throw new CaregateError('CG_GIT', `listing untracked files failed${inParens(firstLine(err))}`);
    }),
  ]);

  const out = new Set<string>();
  for (const rel of [...splitZ(diffOut), ...splitZ(untrackedOut)]) out.add(path.join(dir, rel));
  return out;
}

/** The commit (or tree) to diff the working tree against. */
async function diffBase(dir: string, ref: string, isDefault: boolean): Promise<string> {
  let commit: string;
  try {
    commit = (
      await git(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])
    ).trim();
  } catch (err) {
    if (err instanceof CaregateError) throw err;
    // A repository with no commits yet: every file in it is new, so diff against the empty tree.
    if (isDefault && !(await hasCommits(dir))) return emptyTree(dir);
    throw new CaregateError(
      'CG_GIT',
      `unknown git ref '${ref}': no branch, tag or commit by that name (in CI, fetch it first, e.g. git fetch origin main)`,
    );
  }

  try {
    return (await git(dir, ['merge-base', commit, 'HEAD'])).trim();
  } catch (err) {
    if (err instanceof CaregateError) throw err;
    // git exits 1 without a word when there is no common ancestor, typically a shallow CI clone.
    const shallow =
      (await git(dir, ['rev-parse', '--is-shallow-repository']).catch(() => '')).trim() === 'true';
    const hint = shallow
      ? '; this is a shallow clone, so fetch more history (git fetch --unshallow, or fetch-depth: 0 in CI)'
      : '';
    throw new CaregateError(
      'CG_GIT',
      `'${ref}' and HEAD have no common ancestor${hint}${inParens(firstLine(err))}`,
    );
  }
}

async function hasCommits(dir: string): Promise<boolean> {
  try {
    await git(dir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    return true;
  } catch (err) {
    if (err instanceof CaregateError) throw err;
    return false;
  }
}

async function emptyTree(dir: string): Promise<string> {
  // The empty tree's id depends on the repository's hash (SHA-1 or SHA-256), so ask git for it.
  return (await git(dir, ['hash-object', '-t', 'tree', '--stdin'])).trim();
}
