import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll } from 'vitest';
import { formatTrustedKeys } from '../../src/ledger/keys.js';
import { generateSignerKey, type SignerKey } from '../../src/ledger/note.js';
import type { TrustedKey } from '../../src/ledger/checkpoint.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Published Merkle and signed-note test vectors, copied into the repository (see their README). */
export const vectorsDir = path.resolve(repoRoot, 'test', 'ledger', 'vectors', 'merkle');
export const distLedger = path.join(repoRoot, 'dist', 'ledger', 'index.js');
export const cliBin = path.join(repoRoot, 'bin', 'caregate.js');

export const PG_URL = process.env.CAREGATE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A copy of `b` with one byte XORed by a non-zero mask. */
export function flipByte(b: Buffer, at: number, mask: number): Buffer {
  const out = Buffer.from(b);
  out.writeUInt8(out.readUInt8(at) ^ mask, at);
  return out;
}

const tempDirs: string[] = [];
// Registered while the importing test file is collected: its temporary folders go when it ends.
afterAll(() => {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(prefix = 'caregate-ledger-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A signing key written where the CLI and child processes look for it. */
export function writeKeys(
  dir: string,
  signer: SignerKey = generateSignerKey('test.example/ledger'),
): SignerKey {
  const keys = path.join(dir, '.caregate', 'keys');
  mkdirSync(keys, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(keys, 'ledger.key'), `${signer.skey}\n`, { mode: 0o600 });
  writeFileSync(path.join(keys, 'ledger.vkeys'), formatTrustedKeys([{ key: signer, from: 0 }]));
  return signer;
}

export function trusted(...keys: SignerKey[]): TrustedKey[] {
  return keys.map((key) => ({ key, from: 0 }));
}

export function requireDist(): void {
  if (!existsSync(distLedger)) throw new Error('dist/ is missing: run `npm run build` before these tests');
}

/**
 * Raw access to a store's tables, the way an attacker (or a disk fault) would change them.
 * Values are Buffers or numbers; `where` names one row by its key column.
 */
export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty ledger location. */
  fresh(): Promise<string>;
  get(
    db: string,
    table: string,
    column: string,
    keyCol: string,
    key: number,
  ): Promise<Buffer | number | null>;
  set(
    db: string,
    table: string,
    column: string,
    keyCol: string,
    key: number,
    value: Buffer | number | null,
  ): Promise<void>;
  exec(db: string, sql: string): Promise<void>;
  /** SQL literal for bytes and booleans in this dialect. */
  blob(b: Buffer): string;
  bool(v: boolean): string;
  cleanup(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const withDb = <T>(db: string, fn: (d: Database.Database) => T): T => {
    const d = new Database(db, { fileMustExist: true, timeout: 30_000 });
    try {
      return fn(d);
    } finally {
      d.close();
    }
  };
  return {
    name: 'sqlite',
    fresh: () => Promise.resolve(path.join(tempDir(), 'ledger.db')),
    get: (db, table, column, keyCol, key) =>
      Promise.resolve(
        withDb(
          db,
          (d) =>
            d.prepare(`SELECT ${column} AS v FROM ${table} WHERE ${keyCol} = ?`).pluck().get(key) as
              Buffer | number | null,
        ),
      ),
    set: (db, table, column, keyCol, key, value) =>
      Promise.resolve(
        withDb(
          db,
          (d) => void d.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${keyCol} = ?`).run(value, key),
        ),
      ),
    exec: (db, sql) => Promise.resolve(withDb(db, (d) => void d.exec(sql))),
    blob: (b) => `X'${b.toString('hex')}'`,
    bool: (v) => (v ? '1' : '0'),
    cleanup: () => Promise.resolve(),
  };
}

/** Every location gets its own schema, dropped at cleanup, so concurrent test runs never meet. */
export function postgresBackend(): Backend {
  const schemas: string[] = [];
  const pool = new pg.Pool({ connectionString: PG_URL, max: 2 });
  const schemaOf = (db: string) => new URL(db).searchParams.get('schema')!;
  return {
    name: 'postgres',
    fresh: () => {
      const schema = `cg_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      schemas.push(schema);
      return Promise.resolve(`${PG_URL}?schema=${schema}`);
    },
    get: async (db, table, column, keyCol, key) => {
      const r = await pool.query(
        `SELECT ${column} AS v FROM "${schemaOf(db)}".${table} WHERE ${keyCol} = $1`,
        [key],
      );
      const v = (r.rows[0] as { v: unknown } | undefined)?.v;
      // BIGINT arrives as text; other text columns stay text.
      return typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as Buffer | number | null);
    },
    set: async (db, table, column, keyCol, key, value) => {
      await pool.query(`UPDATE "${schemaOf(db)}".${table} SET ${column} = $1 WHERE ${keyCol} = $2`, [
        value,
        key,
      ]);
    },
    exec: async (db, sql) => {
      await pool.query(`SET search_path TO "${schemaOf(db)}"; ${sql}`);
    },
    blob: (b) => `'\\x${b.toString('hex')}'::bytea`,
    bool: (v) => (v ? 'true' : 'false'),
    cleanup: async () => {
      for (const s of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      await pool.end();
    },
  };
}

export async function postgresAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}
