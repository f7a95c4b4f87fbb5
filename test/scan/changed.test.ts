import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaregateError } from '../../src/core/errors.js';
import { changedFiles } from '../../src/scan/changed.js';
import { git, gitInit, removeDir, tempDir, writeTree } from '../fixtures/plumbing/tree.js';

let repo: string;
beforeEach(() => {
  repo = tempDir('caregate-changed-');
  gitInit(repo);
});
afterEach(() => {
  removeDir(repo);
});

function commitAll(message: string): void {
  git(repo, 'add', '-A');
  git(repo, 'commit', '--quiet', '--no-verify', '-m', message);
}

async function changedRel(root: string, base?: string): Promise<string[]> {
  const set = await changedFiles(root, base);
  for (const p of set) expect(path.isAbsolute(p)).toBe(true);
  return [...set].map((p) => path.relative(root, p).split(path.sep).join('/')).sort();
}

async function gitError(root: string, base?: string): Promise<CaregateError> {
  try {
    await changedFiles(root, base);
  } catch (err) {
    if (err instanceof CaregateError) return err;
    throw err;
  }
  throw new Error('expected changedFiles to throw');
}

/**
 * main: a.ts b.ts c.ts old.ts z.ts .gitignore
 * feature (from main): modifies a.ts, renames old.ts → new.ts (and edits it), then in the working
 * tree: b.ts edited (unstaged), f.ts added (staged), c.ts deleted, d.ts untracked, e.log ignored.
 * main then moves on: z.ts changes there, which the merge base must keep out.
 */
function buildHistory(): void {
  writeTree(repo, {
    '.gitignore': '*.log\n',
    'a.ts': 'a\n',
    'b.ts': 'b\n',
    'c.ts': 'c\n',
    'old.ts': 'export const oldName = 1;\n'.repeat(20),
    'z.ts': 'z\n',
  });
  commitAll('base');
  git(repo, 'checkout', '--quiet', '-b', 'feature');
  writeTree(repo, { 'a.ts': 'a changed\n' });
  git(repo, 'mv', 'old.ts', 'new.ts');
  writeTree(repo, { 'new.ts': 'export const oldName = 1;\n'.repeat(20) + 'export const more = 2;\n' });
  commitAll('feature work');

  git(repo, 'checkout', '--quiet', 'main');
  writeTree(repo, { 'z.ts': 'z changed on main\n' });
  commitAll('main moves on');
  git(repo, 'checkout', '--quiet', 'feature');

  writeTree(repo, { 'b.ts': 'b edited\n', 'f.ts': 'f\n', 'd.ts': 'd\n', 'e.log': 'ignored\n' });
  git(repo, 'add', 'f.ts');
  rmSync(path.join(repo, 'c.ts'));
}

describe('changedFiles', () => {
  it('lists files changed since the merge base with BASE, plus untracked, minus deleted and ignored', async () => {
    buildHistory();
    expect(await changedRel(repo, 'main')).toEqual(['a.ts', 'b.ts', 'd.ts', 'f.ts', 'new.ts']);
  });

  it('defaults to HEAD: only uncommitted work', async () => {
    buildHistory();
    expect(await changedRel(repo)).toEqual(['b.ts', 'd.ts', 'f.ts']);
    expect(await changedRel(repo, 'HEAD')).toEqual(['b.ts', 'd.ts', 'f.ts']);
  });

  it('accepts a commit id or a relative ref as BASE', async () => {
    buildHistory();
    const mainSha = git(repo, 'rev-parse', 'main').trim();
    expect(await changedRel(repo, mainSha)).toEqual(['a.ts', 'b.ts', 'd.ts', 'f.ts', 'new.ts']);
    expect(await changedRel(repo, 'HEAD~1')).toEqual(['a.ts', 'b.ts', 'd.ts', 'f.ts', 'new.ts']);
  });

  it('returns an empty set when nothing changed', async () => {
    writeTree(repo, { 'a.ts': '' });
    commitAll('one');
    expect(await changedFiles(repo)).toEqual(new Set());
  });

  it('includes a renamed file that is not yet staged (old name deleted, new name untracked)', async () => {
    writeTree(repo, { 'old.ts': 'x\n' });
    commitAll('one');
    writeTree(repo, { 'renamed.ts': 'x\n' });
    rmSync(path.join(repo, 'old.ts'));
    expect(await changedRel(repo)).toEqual(['renamed.ts']);
  });

  it('lists files in untracked folders one by one, and handles odd names', async () => {
    writeTree(repo, { 'a.ts': '' });
    commitAll('one');
    writeTree(repo, { 'new dir/with space.ts': '', 'new dir/ünïcödé.ts': '', 'new dir/quote"d.ts': '' });
    expect(await changedRel(repo)).toEqual([
      'new dir/quote"d.ts',
      'new dir/with space.ts',
      'new dir/ünïcödé.ts',
    ]);
  });

  it('gives paths under a subfolder root, leaving out changes elsewhere', async () => {
    writeTree(repo, { 'app/a.ts': '', 'lib/b.ts': '' });
    commitAll('one');
    writeTree(repo, { 'app/a.ts': 'x', 'lib/b.ts': 'y', 'app/new.ts': '', 'lib/new.ts': '' });
    const app = path.join(repo, 'app');
    expect(await changedRel(app)).toEqual(['a.ts', 'new.ts']);
    expect([...(await changedFiles(app))].sort()).toEqual([path.join(app, 'a.ts'), path.join(app, 'new.ts')]);
  });

  it('treats every file as new in a repository with no commits yet', async () => {
    writeTree(repo, { 'staged.ts': '', 'untracked.ts': '', 'x.log': '' });
    writeFileSync(path.join(repo, '.gitignore'), '*.log\n');
    git(repo, 'add', 'staged.ts');
    expect(await changedRel(repo)).toEqual(['.gitignore', 'staged.ts', 'untracked.ts']);
  });

  it('fails with CG_GIT naming an unknown ref', async () => {
    writeTree(repo, { 'a.ts': '' });
    commitAll('one');
    const err = await gitError(repo, 'origin/mian');
    expect(err.code).toBe('CG_GIT');
    expect(err.message).toMatch(/^unknown git ref 'origin\/mian'/);
  });

  it('fails on an explicit base in a repository with no commits', async () => {
    const err = await gitError(repo, 'main');
    expect(err.code).toBe('CG_GIT');
    expect(err.message).toMatch(/'main'/);
  });

  it('refuses a ref that git would read as an option', async () => {
    writeTree(repo, { 'a.ts': '' });
    commitAll('one');
    const err = await gitError(repo, '--output=/tmp/pwned');
    expect(err.code).toBe('CG_GIT');
    expect(err.message).toBe("'--output=/tmp/pwned' is not a git ref");
  });

  it('explains a base with no common ancestor', async () => {
    writeTree(repo, { 'a.ts': '' });
    commitAll('one');
    git(repo, 'checkout', '--quiet', '--orphan', 'island');
    writeTree(repo, { 'i.ts': '' });
    commitAll('unrelated');
    const err = await gitError(repo, 'main');
    expect(err.code).toBe('CG_GIT');
    expect(err.message).toBe("'main' and HEAD have no common ancestor");
  });

  it('suggests fetching more history in a shallow clone (the usual CI failure)', async () => {
    buildHistory();
    commitAll('tidy');
    const clone = tempDir('caregate-shallow-');
    try {
      // Both branch tips, one commit deep: their merge base is not in the clone.
      git(clone, 'clone', '--quiet', '--depth', '1', '--no-single-branch', `file://${repo}`, 'c');
      const err = await gitError(path.join(clone, 'c'), 'origin/main');
      expect(err.code).toBe('CG_GIT');
      expect(err.message).toMatch(
        /^'origin\/main' and HEAD have no common ancestor; this is a shallow clone/,
      );
      expect(err.message).toMatch(/fetch-depth: 0/);
    } finally {
      removeDir(clone);
    }
  });

  it('fails with CG_GIT outside a git repository', async () => {
    const plain = tempDir('caregate-nogit-');
    try {
      mkdirSync(path.join(plain, 'src'));
      const err = await gitError(path.join(plain, 'src'));
      expect(err.code).toBe('CG_GIT');
      expect(err.message).toMatch(/needs a git repository, and .* is not in one/);
    } finally {
      removeDir(plain);
    }
  });
});
