/**
 * Key files. The signing key is a golang-note style PRIVATE+KEY string in a 0600 file; the trusted
 * verifier keys are a small public text file ("vkeys") that verifiers are given, one vkey per line
 * with the tree sizes it may sign.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CaregateError } from '../core/errors.js';
import type { TrustedKey } from './checkpoint.js';
import {
  NoteError,
  checkKeyName,
  generateSignerKey,
  parseSignerKey,
  parseVerifierKey,
  type SignerKey,
} from './note.js';

export const DEFAULT_KEYS_DIR = '.caregate/keys';

export interface KeyPaths {
  dir: string;
  /** Private signing key (mode 0600). */
  signer: string;
  /** Public trusted keys with validity ranges; publish this to verifiers. */
  trusted: string;
  /** The next key while a rotation is in progress. */
  next: string;
}

export function keyPaths(opts: { keysDir?: string | undefined; cwd?: string | undefined } = {}): KeyPaths {
  const dir = resolve(opts.cwd ?? process.cwd(), opts.keysDir ?? DEFAULT_KEYS_DIR);
  return {
    dir,
    signer: join(dir, 'ledger.key'),
    trusted: join(dir, 'ledger.vkeys'),
    next: join(dir, 'ledger.key.next'),
  };
}

/** Path for messages: relative to cwd when inside it. */
export function displayPath(p: string, cwd = process.cwd()): string {
  const rel = relative(cwd, p);
  return rel && !rel.startsWith('..') ? rel : p;
}

export function defaultOrigin(): string {
  return `caregate.local/ledger/${randomBytes(6).toString('hex')}`;
}

/** Write a file atomically (temp file + rename) so a crash never leaves half a key. */
export function writeFileAtomic(path: string, content: string, mode: number): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, content, { mode, flag: 'wx' });
  chmodSync(tmp, mode);
  renameSync(tmp, path);
}

export function loadSigner(path: string): SignerKey {
  if (!existsSync(path)) {
    throw new CaregateError('CG_KEY', 'no ledger signing key here; create one with `caregate keys init`', {
      file: displayPath(path),
    });
  }
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new CaregateError(
      'CG_KEY',
      `signing key is accessible by other users (mode ${mode.toString(8)}); run chmod 600 on it`,
      { file: displayPath(path) },
    );
  }
  try {
    return parseSignerKey(readFileSync(path, 'utf8'));
  } catch (err) {
    if (err instanceof NoteError) {
      throw new CaregateError('CG_KEY', `not a caregate signing key (${err.message})`, {
        file: displayPath(path),
      });
    }
    throw err;
  }
}

export function parseTrustedKeys(text: string, file?: string): TrustedKey[] {
  const out: TrustedKey[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = file ? { file, line: i + 1 } : { line: i + 1 };
    const [vkey, ...opts] = line.split(/\s+/) as [string, ...string[]];
    let t: TrustedKey;
    try {
      t = { key: parseVerifierKey(vkey), from: 0 };
    } catch (err) {
      throw new CaregateError('CG_KEY', `bad verifier key (${(err as Error).message})`, where);
    }
    for (const o of opts) {
      const m = /^(from|until)=(0|[1-9][0-9]*)$/.exec(o);
      if (!m)
        throw new CaregateError('CG_KEY', `unknown key option "${o}" (expected from=N or until=N)`, where);
      const n = Number(m[2]);
      if (!Number.isSafeInteger(n))
        throw new CaregateError('CG_KEY', `tree size ${m[2]} is too large`, where);
      if (m[1] === 'from') t.from = n;
      else t.until = n;
    }
    out.push(t);
  });
  return out;
}

export function formatTrustedKeys(keys: readonly TrustedKey[]): string {
  const lines = keys.map(
    (t) => `${t.key.vkey} from=${t.from}${t.until !== undefined ? ` until=${t.until}` : ''}`,
  );
  return (
    '# caregate ledger verifier keys (public). One per line: <vkey> from=<tree size> [until=<tree size>]\n' +
    '# A checkpoint is accepted when a key valid at its tree size signed it.\n' +
    `${lines.join('\n')}\n`
  );
}

export function loadTrustedKeys(path: string): TrustedKey[] {
  if (!existsSync(path)) {
    throw new CaregateError('CG_KEY', 'no verifier keys here; pass --vkeys FILE with the published keys', {
      file: displayPath(path),
    });
  }
  const keys = parseTrustedKeys(readFileSync(path, 'utf8'), displayPath(path));
  if (keys.length === 0)
    throw new CaregateError('CG_KEY', 'the verifier key file lists no keys', { file: displayPath(path) });
  return keys;
}

export interface InitKeysResult {
  signer: SignerKey;
  paths: KeyPaths;
}

export function initKeys(opts: { keysDir?: string; cwd?: string; origin?: string }): InitKeysResult {
  const paths = keyPaths(opts);
  const origin = opts.origin ?? defaultOrigin();
  try {
    checkKeyName(origin);
  } catch (err) {
    throw new CaregateError('CG_USAGE', `bad log origin: ${(err as Error).message}`);
  }
  if (existsSync(paths.signer)) {
    throw new CaregateError(
      'CG_KEY',
      'a signing key already exists; use `caregate keys rotate` to replace it (never overwrite a ledger key)',
      { file: displayPath(paths.signer) },
    );
  }
  const signer = generateSignerKey(origin);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  // Keep the private key out of commits even when .caregate/ is not ignored.
  const ignore = join(paths.dir, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, 'ledger.key\nledger.key.next\n*.tmp\n', { mode: 0o644 });
  writeFileAtomic(paths.signer, `${signer.skey}\n`, 0o600);
  writeFileAtomic(paths.trusted, formatTrustedKeys([{ key: signer, from: 0 }]), 0o644);
  return { signer, paths };
}
