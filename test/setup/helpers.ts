import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A new git work tree under the temp folder, holding `files`. */
export function gitRepo(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'caregate-setup-'));
  execFileSync('git', ['init', '-q', dir]);
  for (const [rel, text] of Object.entries(files)) write(dir, rel, text);
  return dir;
}

export function write(root: string, rel: string, text: string, mode?: number): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  if (mode !== undefined) chmodSync(file, mode);
  return file;
}

export function read(root: string, rel: string): string {
  return readFileSync(path.join(root, rel), 'utf8');
}

export function readJson(root: string, rel: string): Record<string, unknown> {
  return JSON.parse(read(root, rel)) as Record<string, unknown>;
}

/**
 * Every file under `root` (git's own objects and logs left out, its hooks kept) with its bytes and
 * mode: two snapshots are equal exactly when nothing was written.
 */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      const rel = path.relative(root, abs);
      if (entry.isDirectory()) {
        if (rel === '.git' || rel.startsWith(`.git${path.sep}`)) {
          if (rel !== '.git' && rel !== path.join('.git', 'hooks')) continue;
        }
        walk(abs);
      } else {
        out[rel] = `${(statSync(abs).mode & 0o777).toString(8)} ${readFileSync(abs, 'base64')}`;
      }
    }
  };
  walk(root);
  return out;
}

/**
 * A stand-in for the caregate CLI, outside any repository: `--version` prints a version; any
 * other call appends its arguments and stdin to calls.log next to it, so tests can see what the
 * git hooks ran.
 */
export function fakeCaregate(): { command: string; log: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'caregate-fake-'));
  const command = path.join(dir, 'caregate');
  const log = path.join(dir, 'calls.log');
  writeFileSync(
    command,
    `#!/bin/sh\nif [ "$1" = --version ]; then echo 0.1.0; exit 0; fi\n{ echo "args: $*"; cat; } >> '${log}'\n`,
  );
  chmodSync(command, 0o755);
  return { command, log };
}

export function gitCommit(root: string, args: string[]): void {
  execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-q', ...args],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
}
