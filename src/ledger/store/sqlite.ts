/**
 * The embedded store: one SQLite file in WAL mode. A sequencer transaction is BEGIN IMMEDIATE, which
 * takes SQLite's single write lock, so appends from many processes queue up (busy timeout) and each
 * append commits together with its tree nodes and checkpoint.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CaregateError } from '../../core/errors.js';
import { nodeHome, nodeKey, type NodeId } from '../merkle.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, SCHEMA_TABLE } from './migrations.js';
import type {
  AppendRows,
  EntryFilter,
  Store,
  StoreReader,
  StoreWriter,
  StoredCheckpoint,
  StoredEntry,
} from './types.js';

const BUSY_TIMEOUT_MS = 60_000;
const SCAN_PAGE = 20_000;

/**
 * Row as selected by ENTRY_SELECT, in raw (array) mode. Leaf, hashes and payload come back as one
 * blob cut into views: every blob handed to JavaScript costs an allocation and a copy, and verify
 * reads a million rows, so this halves its read time. Concatenation keeps bytes exactly in a UTF-8
 * database (checked when opening).
 */
type RawEntry = [
  idx: number,
  kind: string,
  time: string,
  leafLength: number,
  hashesLength: number,
  bytes: Buffer,
  payloadIdx: number | null,
  erased: number | null,
  redactedBy: number | null,
];

function toEntry(r: RawEntry): StoredEntry {
  const [idx, kind, time, leafLength, hashesLength, bytes, payloadIdx, erased, redactedBy] = r;
  const split = leafLength + hashesLength;
  return {
    idx,
    kind,
    time,
    leaf: bytes.subarray(0, leafLength),
    hashes: bytes.subarray(leafLength, split),
    payload:
      payloadIdx === null
        ? null
        : { idx: payloadIdx, data: erased ? null : bytes.subarray(split), redactedBy },
  };
}

const ENTRY_SELECT = `SELECT e.idx, e.kind, e.time, length(e.leaf), length(e.hashes),
  CAST(e.leaf || e.hashes || ifnull(p.data, X'') AS BLOB), p.idx, p.data IS NULL, p.redacted_by
  FROM entries e LEFT JOIN payloads p ON p.idx = e.idx`;

function sqliteError(err: unknown, file: string): unknown {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return err;
  const msg = (err as Error).message;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new CaregateError(
      'CG_LEDGER_CORRUPT',
      `the ledger database is damaged or not a database (${msg})`,
      { file },
    );
  }
  if (code.startsWith('SQLITE_BUSY')) return lockedTooLong(file);
  return new CaregateError('CG_DB', `SQLite error ${code}: ${msg}`, { file });
}

function lockedTooLong(file: string): CaregateError {
  return new CaregateError('CG_DB', 'the ledger stayed locked by another process for too long', { file });
}

class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly q;

  constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {
    this.q = {
      head: db.prepare<[], { size: number; frontier: Buffer }>(
        'SELECT size, frontier FROM head WHERE id = 1',
      ),
      meta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      metaAll: db.prepare<[], [string, string]>('SELECT key, value FROM meta').raw(true),
      setMeta: db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      latestCp: db.prepare<[], { size: number; note: Buffer; keep: number }>(
        'SELECT size, note, keep FROM checkpoints ORDER BY size DESC LIMIT 1',
      ),
      cps: db.prepare<[], { size: number; note: Buffer; keep: number }>(
        'SELECT size, note, keep FROM checkpoints ORDER BY size',
      ),
      entry: db.prepare<[number], RawEntry>(`${ENTRY_SELECT} WHERE e.idx = ?`).raw(true),
      page: db
        .prepare<[number, number], RawEntry>(`${ENTRY_SELECT} WHERE e.idx >= ? ORDER BY e.idx LIMIT ?`)
        .raw(true),
      nodeRow: db.prepare<[number], Buffer>('SELECT hashes FROM entries WHERE idx = ?').pluck(),
      orphans: db
        .prepare<[], number>(
          'SELECT p.idx FROM payloads p LEFT JOIN entries e ON e.idx = p.idx WHERE e.idx IS NULL ORDER BY p.idx LIMIT 100',
        )
        .pluck(),
      insEntry: db.prepare('INSERT INTO entries (idx, kind, time, leaf, hashes) VALUES (?, ?, ?, ?, ?)'),
      insPayload: db.prepare('INSERT INTO payloads (idx, data, redacted_by) VALUES (?, ?, NULL)'),
      dropCps: db.prepare('DELETE FROM checkpoints WHERE keep = 0'),
      insCp: db.prepare('INSERT INTO checkpoints (size, note, keep) VALUES (?, ?, ?)'),
      setHead: db.prepare('UPDATE head SET size = ?, frontier = ? WHERE id = 1'),
      redact: db.prepare(
        'UPDATE payloads SET data = NULL, redacted_by = ? WHERE idx = ? AND data IS NOT NULL',
      ),
    };
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    // One connection serves every caller in this process; queue them so no read ever lands inside
    // another caller's open write transaction.
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run.catch((err: unknown) => {
      throw sqliteError(err, this.location);
    });
  }

  private ops(): StoreWriter {
    const q = this.q;
    const ops: StoreWriter = {
      head: () => {
        const row = q.head.get();
        if (!row)
          throw new CaregateError('CG_LEDGER_CORRUPT', 'the ledger head row is missing', {
            file: this.location,
          });
        return Promise.resolve({ size: row.size, frontier: row.frontier });
      },
      meta: (key) => Promise.resolve(q.meta.get(key)?.value),
      metaAll: () => Promise.resolve(new Map(q.metaAll.all())),
      latest: async () => ({ head: await ops.head(), checkpoint: await ops.latestCheckpoint() }),
      latestCheckpoint: () => {
        const r = q.latestCp.get();
        return Promise.resolve(r ? { size: r.size, note: r.note, keep: r.keep !== 0 } : undefined);
      },
      checkpoints: () =>
        Promise.resolve(q.cps.all().map((r) => ({ size: r.size, note: r.note, keep: r.keep !== 0 }))),
      entry: (idx) => {
        const r = q.entry.get(idx);
        return Promise.resolve(r ? toEntry(r) : undefined);
      },
      entries: (f: EntryFilter) => {
        const where: string[] = [];
        const args: (string | number)[] = [];
        const cond = (sql: string, v: string | number) => {
          where.push(sql);
          args.push(v);
        };
        if (f.kind !== undefined) cond('e.kind = ?', f.kind);
        if (f.since !== undefined) cond('e.time >= ?', f.since);
        if (f.from !== undefined) cond('e.idx >= ?', f.from);
        const sql = `${ENTRY_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY e.idx${
          f.limit !== undefined ? ' LIMIT ?' : ''
        }`;
        if (f.limit !== undefined) args.push(f.limit);
        return Promise.resolve(
          this.db
            .prepare<unknown[], RawEntry>(sql)
            .raw(true)
            .all(...args)
            .map(toEntry),
        );
      },
      nodes: (ids: readonly NodeId[]) => {
        const out = new Map<string, Buffer>();
        const rows = new Map<number, Buffer | undefined>();
        for (const id of ids) {
          const home = nodeHome(id);
          if (!rows.has(home.entry)) rows.set(home.entry, q.nodeRow.get(home.entry));
          const h = rows.get(home.entry)?.subarray(home.slot * 32, home.slot * 32 + 32);
          if (h?.length === 32) out.set(nodeKey(id), h);
        }
        return Promise.resolve(out);
      },
      scan: (batchSize = SCAN_PAGE) => {
        const page = q.page;
        return {
          async *[Symbol.asyncIterator]() {
            let from = 0;
            for (;;) {
              // Let other work run between pages of a long verify.
              await Promise.resolve();
              const rows = page.all(from, batchSize);
              yield rows.map(toEntry);
              if (rows.length < batchSize) return;
              from = rows[rows.length - 1]![0] + 1;
            }
          },
        };
      },
      orphanPayloads: () => Promise.resolve(q.orphans.all()),
      setMeta: (key, value) => {
        q.setMeta.run(key, value);
        return Promise.resolve();
      },
      appendRows: (b: AppendRows) => {
        for (const r of b.entries) q.insEntry.run(r.idx, r.kind, r.time, r.leaf, r.hashes);
        for (const r of b.payloads) q.insPayload.run(r.idx, r.data);
        q.setHead.run(b.head.size, b.head.frontier);
        return ops.saveCheckpoint(b.checkpoint);
      },
      saveCheckpoint: (cp: StoredCheckpoint) => {
        q.dropCps.run();
        q.insCp.run(cp.size, cp.note, cp.keep ? 1 : 0);
        return Promise.resolve();
      },
      redactPayload: (idx, by) => Promise.resolve(q.redact.run(by, idx).changes > 0),
    };
    return ops;
  }

  write<T>(fn: (tx: StoreWriter) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(this.ops());
        this.db.exec('COMMIT');
        return out;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  read<T>(fn: (r: StoreReader) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      // A deferred transaction pins one WAL snapshot for all the reads in fn.
      this.db.exec('BEGIN');
      try {
        return await fn(this.ops());
      } finally {
        if (this.db.inTransaction) this.db.exec('COMMIT');
      }
    });
  }

  close(): Promise<void> {
    return this.exclusive(() => {
      this.db.close();
      return Promise.resolve();
    });
  }
}

function migrate(db: Database.Database, file: string): void {
  const tables = (): string[] =>
    db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
  const version = (): number =>
    db.prepare<[], number | null>(`SELECT max(version) FROM ${SCHEMA_TABLE}`).pluck().get() ?? 0;
  const check = (): number => {
    const t = tables();
    if (!t.includes(SCHEMA_TABLE)) {
      if (t.length > 0)
        throw new CaregateError('CG_LEDGER_CORRUPT', 'this SQLite file is not a caregate ledger', { file });
      return 0;
    }
    const v = version();
    if (v > LATEST_SCHEMA_VERSION) {
      throw new CaregateError(
        'CG_DB',
        `ledger schema v${v} is newer than this caregate supports (v${LATEST_SCHEMA_VERSION})`,
        {
          file,
        },
      );
    }
    return v;
  };
  if (check() === LATEST_SCHEMA_VERSION) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    // Another process may have migrated while we waited for the lock.
    const current = check();
    if (current === 0) {
      db.exec(
        `CREATE TABLE ${SCHEMA_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
      );
    }
    const record = db.prepare(`INSERT INTO ${SCHEMA_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`);
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.sqlite);
      record.run(m.version, m.name, new Date().toISOString());
    }
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

/**
 * Put a new ledger in WAL mode, once: the mode belongs to the file, so later opens only read it.
 * The change needs the file to itself, and SQLite runs no busy handler for it when another
 * process holds the write lock (it answers at once, or keeps the old mode and says so). Several
 * processes opening a new ledger together then raced: one went on in rollback mode, took the
 * write lock, and the next failed at once ("stayed locked") instead of waiting. So the change is
 * retried, with a growing pause, within the same budget as any other wait for the lock.
 */
function useWal(db: Database.Database, file: string): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
    try {
      if (db.pragma('journal_mode', { simple: true }) === 'wal') return;
      if (db.pragma('journal_mode = WAL', { simple: true }) === 'wal') return;
    } catch (err) {
      if (!String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw err;
    }
    if (Date.now() + pause > deadline) throw lockedTooLong(file);
    Atomics.wait(PAUSE, 0, 0, pause);
  }
}

/** Something to wait on: a synchronous pause, as the rest of the open is synchronous. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

export interface SqliteOpenOptions {
  /** Create the file (and its directory) when missing; readers pass false so they never create files. */
  create: boolean;
}

export function openSqliteStore(file: string, opts: SqliteOpenOptions): Store {
  if (!existsSync(file)) {
    if (!opts.create) {
      throw new CaregateError('CG_LEDGER_NOT_FOUND', 'no ledger here yet (the first append creates it)', {
        file,
      });
    }
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    try {
      // Payloads may hold PHI: the file starts owner-only, and SQLite gives its -wal/-shm the same mode.
      writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    useWal(db, file);
    db.pragma('synchronous = FULL');
    // Redaction must really erase: zero freed pages instead of leaving old payload bytes in the file.
    db.pragma('secure_delete = ON');
    if (db.pragma('encoding', { simple: true }) !== 'UTF-8') {
      throw new CaregateError('CG_LEDGER_CORRUPT', 'this SQLite file is not a caregate ledger (not UTF-8)', {
        file,
      });
    }
    migrate(db, file);
    const format = db.prepare<[], string>("SELECT value FROM meta WHERE key = 'format'").pluck().get();
    if (format !== 'caregate-ledger')
      throw new CaregateError('CG_LEDGER_CORRUPT', 'ledger format marker is missing', { file });
    return new SqliteStore(db, file);
  } catch (err) {
    db?.close();
    throw sqliteError(err, file);
  }
}
