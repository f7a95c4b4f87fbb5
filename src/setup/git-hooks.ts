/**
 * Git hooks that record which commits hold AI edits: post-commit runs `caregate attribution
 * commit`; post-rewrite runs `caregate attribution rewrite <amend|rebase>` with git's old/new pairs
 * passed through on stdin. A user's hook is never replaced: caregate's block is appended to it,
 * between marker comments, once.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CaregateError } from '../core/errors.js';
import { isExecutable } from './paths.js';

export const GIT_HOOK_MARKER = '# caregate attribution (do not edit this block)';
const GIT_HOOK_END = '# end of caregate attribution';

export interface GitHookSpec {
  name: 'post-commit' | 'post-rewrite';
  /** The line that runs caregate, given the command that reaches it. */
  line(base: string): string;
}

export const GIT_HOOKS: readonly GitHookSpec[] = [
  { name: 'post-commit', line: (base) => `${base} attribution commit` },
  // git passes amend|rebase as $1 and "old new" pairs on stdin, which the command inherits.
  { name: 'post-rewrite', line: (base) => `${base} attribution rewrite "$1"` },
];

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

export function isGitWorkTree(root: string): boolean {
  return git(root, ['rev-parse', '--is-inside-work-tree']) === 'true';
}

/** The folder git runs hooks from (core.hooksPath honoured), or undefined outside a work tree. */
export function gitHooksDir(root: string): string | undefined {
  if (!isGitWorkTree(root)) return undefined;
  const dir = git(root, ['rev-parse', '--git-path', 'hooks']);
  return dir ? path.resolve(root, dir) : undefined;
}

export function hasCaregateBlock(text: string): boolean {
  return text.includes(GIT_HOOK_MARKER);
}

function block(spec: GitHookSpec, base: string): string {
  return `${GIT_HOOK_MARKER}\n${spec.line(base)}\n${GIT_HOOK_END}\n`;
}

/** A shell script git can run with sh: a sh-family shebang, or none (git falls back to sh). */
function shellInterpreter(text: string): { shell: boolean; shebang?: string } {
  if (text.includes('\0')) return { shell: false, shebang: 'a binary file' };
  const first = text.split('\n', 1)[0] ?? '';
  if (!first.startsWith('#!')) return { shell: true };
  return { shell: /\b(sh|bash|dash|zsh|ksh|ash)\b/.test(first), shebang: first.trim() };
}

export interface GitHookPlan {
  file: string;
  before: string | undefined;
  after: string;
  wasExecutable: boolean;
  warnings: string[];
}

/**
 * The content a hook file should have: unchanged when it already holds caregate's block, the
 * block appended to a user's shell hook, or a new script. Throws for a hook caregate cannot extend
 * (another language), naming the line to add by hand.
 */
export function planGitHook(dir: string, spec: GitHookSpec, base: string, shown: string): GitHookPlan {
  const file = path.join(dir, spec.name);
  const script = `#!/bin/sh\n${block(spec, base)}`;
  if (!existsSync(file))
    return { file, before: undefined, after: script, wasExecutable: false, warnings: [] };
  const before = readFileSync(file, 'utf8');
  const wasExecutable = isExecutable(file);
  if (before.trim() === '') return { file, before, after: script, wasExecutable, warnings: [] };
  if (hasCaregateBlock(before)) return { file, before, after: before, wasExecutable, warnings: [] };
  const { shell, shebang } = shellInterpreter(before);
  if (!shell) {
    throw new CaregateError(
      'CG_GIT',
      `is not a shell script (${shebang}), so caregate cannot add to it; make it run: ${spec.line(base)}`,
      { file: shown },
    );
  }
  const warnings: string[] = [];
  if (/^\s*(exit|exec)\b/m.test(before)) {
    warnings.push(
      `${shown} has an exit or exec line; caregate's block is appended at the end, so move it above that line if the line always runs`,
    );
  }
  if (spec.name === 'post-rewrite' && /\bread\b|\bcat\b|<&0|\/dev\/stdin/.test(before)) {
    warnings.push(
      `${shown} may read stdin before caregate's block; if it does, caregate sees no rewritten commits, so move the block to the top`,
    );
  }
  const separator = before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  return { file, before, after: `${before}${separator}${block(spec, base)}`, wasExecutable, warnings };
}
