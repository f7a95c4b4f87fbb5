/**
 * The team store: PostgreSQL. Every sequencer transaction starts by locking the single head row
 * (SELECT ... FOR UPDATE), so any number of writers on any number of machines take turns; readers
 * use REPEATABLE READ snapshots and never block writers.
 */
import pg from 'pg';
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

const SCAN_PAGE = 20_000;
const INT8_OID = 20;

function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new CaregateError('CG_LEDGER_CORRUPT', `index ${text} is beyond 2^53`);
  return n;
}

// Per-pool type parsers: changing pg.types globally would alter every other pg user in the process.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

interface ParsedUrl {
  connectionString: string;
  schema: string;
  location: string;
}

/** Split out our `schema` parameter and build a location string that never shows the password. */
export function parsePostgresUrl(db: string): ParsedUrl {
  let url: URL;
  try {
    url = new URL(db);
  } catch {
    throw new CaregateError('CG_USAGE', 'the PostgreSQL URL is malformed');
  }
  const schema = url.searchParams.get('schema') ?? 'caregate';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new CaregateError('CG_USAGE', 'schema must be a lowercase SQL identifier');
  }
  url.searchParams.delete('schema');
  const location = `postgres://${url.username ? `${url.username}@` : ''}${url.host}${url.pathname} (schema ${schema})`;
  return { connectionString: url.toString(), schema, location };
}

function pgError(err: unknown, location: string): unknown {
  if (err instanceof CaregateError) return err;
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'ECONNRESET') {
    return new CaregateError('CG_DB', `cannot reach PostgreSQL at ${location} (${code})`);
  }
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    return new CaregateError('CG_DB', `PostgreSQL error ${code} at ${location}: ${String(e.message)}`);
  }
  return err;
}

interface RawEntry {
  idx: number;
  kind: string;
  time: string;
  leaf: Buffer;
  hashes: Buffer;
  p_idx: number | null;
  data: Buffer | null;
  redacted_by: number | null;
}

function toEntry(r: RawEntry): StoredEntry {
  const payload = r.p_idx === null ? null : { idx: r.p_idx, data: r.data, redactedBy: r.redacted_by };
  return { idx: r.idx, kind: r.kind, time: r.time, leaf: r.leaf, hashes: r.hashes, payload };
}

class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  private readonly s: string;
  private cursorSeq = 0;

  constructor(
    private readonly pool: pg.Pool,
    schema: string,
    readonly location: string,
  ) {
    this.s = `"${schema}"`;
  }

  private entrySelect(): string {
    return `SELECT e.idx, e.kind, e.time, e.leaf, e.hashes, p.idx AS p_idx, p.data, p.redacted_by
      FROM ${this.s}.entries e LEFT JOIN ${this.s}.payloads p ON p.idx = e.idx`;
  }

  private ops(c: pg.PoolClient): StoreWriter {
    const s = this.s;
    const rows = async <R extends pg.QueryResultRow>(sql: string, args: unknown[] = []): Promise<R[]> =>
      (await c.query<R>(sql, args)).rows;
    const cp = (r: { size: number; note: Buffer; keep: boolean }): StoredCheckpoint => ({
      size: r.size,
      note: r.note,
      keep: r.keep,
    });
    return {
      head: async () => {
        const [r] = await rows<{ size: number; frontier: Buffer }>(
          `SELECT size, frontier FROM ${s}.head WHERE id = 1`,
        );
        if (!r)
          throw new CaregateError('CG_LEDGER_CORRUPT', `the ledger head row is missing in ${this.location}`);
        return { size: r.size, frontier: r.frontier };
      },
      meta: async (key) =>
        (await rows<{ value: string }>(`SELECT value FROM ${s}.meta WHERE key = $1`, [key]))[0]?.value,
      metaAll: async () =>
        new Map(
          (await rows<{ key: string; value: string }>(`SELECT key, value FROM ${s}.meta`)).map((r) => [
            r.key,
            r.value,
          ]),
        ),
      latest: async () => {
        // One statement, so head and checkpoint come from the same moment even without a transaction.
        const [r] = await rows<{
          size: number;
          frontier: Buffer;
          cp_size: number | null;
          note: Buffer | null;
          keep: boolean | null;
        }>(
          `SELECT h.size, h.frontier, c.size AS cp_size, c.note, c.keep FROM ${s}.head h
           LEFT JOIN LATERAL (SELECT size, note, keep FROM ${s}.checkpoints ORDER BY size DESC LIMIT 1) c ON true
           WHERE h.id = 1`,
        );
        if (!r)
          throw new CaregateError('CG_LEDGER_CORRUPT', `the ledger head row is missing in ${this.location}`);
        const checkpoint =
          r.cp_size === null || r.note === null
            ? undefined
            : { size: r.cp_size, note: r.note, keep: r.keep === true };
        return { head: { size: r.size, frontier: r.frontier }, checkpoint };
      },
      latestCheckpoint: async () => {
        const [r] = await rows<{ size: number; note: Buffer; keep: boolean }>(
          `SELECT size, note, keep FROM ${s}.checkpoints ORDER BY size DESC LIMIT 1`,
        );
        return r ? cp(r) : undefined;
      },
      checkpoints: async () =>
        (
          await rows<{ size: number; note: Buffer; keep: boolean }>(
            `SELECT size, note, keep FROM ${s}.checkpoints ORDER BY size`,
          )
        ).map(cp),
      entry: async (idx) => {
        const [r] = await rows<RawEntry>(`${this.entrySelect()} WHERE e.idx = $1`, [idx]);
        return r ? toEntry(r) : undefined;
      },
      entries: async (f: EntryFilter) => {
        const where: string[] = [];
        const args: unknown[] = [];
        const arg = (v: unknown) => (args.push(v), `$${args.length}`);
        if (f.kind !== undefined) where.push(`e.kind = ${arg(f.kind)}`);
        if (f.since !== undefined) where.push(`e.time >= ${arg(f.since)}`);
        if (f.from !== undefined) where.push(`e.idx >= ${arg(f.from)}`);
        const limit = f.limit !== undefined ? ` LIMIT ${arg(f.limit)}` : '';
        const sql = `${this.entrySelect()}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY e.idx${limit}`;
        return (await rows<RawEntry>(sql, args)).map(toEntry);
      },
      nodes: async (ids: readonly NodeId[]) => {
        const homes = ids.map((id) => ({ id, home: nodeHome(id) }));
        const wanted = [...new Set(homes.map((h) => h.home.entry))];
        const found = await rows<{ idx: number; hashes: Buffer }>(
          `SELECT idx, hashes FROM ${s}.entries WHERE idx = ANY($1::bigint[])`,
          [wanted],
        );
        const byIdx = new Map(found.map((r) => [r.idx, r.hashes]));
        const out = new Map<string, Buffer>();
        for (const { id, home } of homes) {
          const h = byIdx.get(home.entry)?.subarray(home.slot * 32, home.slot * 32 + 32);
          if (h?.length === 32) out.set(nodeKey(id), h);
        }
        return out;
      },
      scan: (batchSize = SCAN_PAGE) => {
        const name = `caregate_scan_${++this.cursorSeq}`;
        const select = this.entrySelect();
        return {
          async *[Symbol.asyncIterator]() {
            // Only valid inside read(): the cursor lives in its REPEATABLE READ transaction.
            await c.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${select} ORDER BY e.idx`);
            // Ask for the next page before working through this one, so the server reads and sends
            // while verify hashes.
            let next: Promise<RawEntry[]> | undefined = rows<RawEntry>(`FETCH ${batchSize} FROM ${name}`);
            try {
              while (next) {
                const page: RawEntry[] = await next;
                next =
                  page.length < batchSize ? undefined : rows<RawEntry>(`FETCH ${batchSize} FROM ${name}`);
                yield page.map(toEntry);
              }
            } finally {
              await next?.catch(() => undefined);
              await c.query(`CLOSE ${name}`);
            }
          },
        };
      },
      orphanPayloads: async () =>
        (
          await rows<{ idx: number }>(
            `SELECT p.idx FROM ${s}.payloads p LEFT JOIN ${s}.entries e ON e.idx = p.idx
             WHERE e.idx IS NULL ORDER BY p.idx LIMIT 100`,
          )
        ).map((r) => r.idx),
      setMeta: async (key, value) => {
        await c.query(
          `INSERT INTO ${s}.meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          [key, value],
        );
      },
      appendRows: async (b: AppendRows) => {
        // One statement: data-modifying CTEs write entries, payloads, head and checkpoint together,
        // and unnest turns the parallel arrays into rows. The DELETE cannot see the new checkpoint.
        await c.query(
          `WITH e AS (
             INSERT INTO ${s}.entries (idx, kind, time, leaf, hashes)
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bytea[], $5::bytea[])
           ), p AS (
             INSERT INTO ${s}.payloads (idx, data, redacted_by)
             SELECT i, d, NULL FROM unnest($6::bigint[], $7::bytea[]) AS t(i, d)
           ), h AS (
             UPDATE ${s}.head SET size = $8, frontier = $9 WHERE id = 1
           ), d AS (
             DELETE FROM ${s}.checkpoints WHERE keep = false
           )
           INSERT INTO ${s}.checkpoints (size, note, keep) VALUES ($10, $11, $12)`,
          [
            b.entries.map((r) => r.idx),
            b.entries.map((r) => r.kind),
            b.entries.map((r) => r.time),
            b.entries.map((r) => r.leaf),
            b.entries.map((r) => r.hashes),
            b.payloads.map((r) => r.idx),
            b.payloads.map((r) => r.data),
            b.head.size,
            b.head.frontier,
            b.checkpoint.size,
            b.checkpoint.note,
            b.checkpoint.keep,
          ],
        );
      },
      saveCheckpoint: async (x: StoredCheckpoint) => {
        await c.query(`DELETE FROM ${s}.checkpoints WHERE keep = false`);
        await c.query(`INSERT INTO ${s}.checkpoints (size, note, keep) VALUES ($1, $2, $3)`, [
          x.size,
          x.note,
          x.keep,
        ]);
      },
      redactPayload: async (idx, by) =>
        ((
          await c.query(
            `UPDATE ${s}.payloads SET data = NULL, redacted_by = $1 WHERE idx = $2 AND data IS NOT NULL`,
            [by, idx],
          )
        ).rowCount ?? 0) > 0,
    };
  }

  private async withClient<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw pgError(err, this.location);
    }
    try {
      return await fn(client);
    } catch (err) {
      throw pgError(err, this.location);
    } finally {
      client.release();
    }
  }

  write<T>(fn: (tx: StoreWriter) => Promise<T>): Promise<T> {
    return this.withClient(async (c) => {
      await c.query('BEGIN');
      try {
        // The sequencer lock: whoever holds the head row appends; everyone else waits here.
        await c.query(`SELECT size FROM ${this.s}.head WHERE id = 1 FOR UPDATE`);
        const out = await fn(this.ops(c));
        await c.query('COMMIT');
        return out;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  read<T>(fn: (r: StoreReader) => Promise<T>, opts: { snapshot?: boolean } = {}): Promise<T> {
    return this.withClient(async (c) => {
      if (opts.snapshot === false) return fn(this.ops(c));
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        return await fn(this.ops(c));
      } finally {
        await c.query('COMMIT').catch(() => undefined);
      }
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function migrate(pool: pg.Pool, schema: string, create: boolean, location: string): Promise<void> {
  const s = `"${schema}"`;
  const c = await pool.connect();
  try {
    const exists = async (): Promise<boolean> =>
      (
        await c.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`, [
          schema,
          SCHEMA_TABLE,
        ])
      ).rowCount === 1;
    const version = async (): Promise<number> =>
      (await c.query<{ v: number | null }>(`SELECT max(version)::int AS v FROM ${s}.${SCHEMA_TABLE}`)).rows[0]
        ?.v ?? 0;
    if ((await exists()) && (await version()) === LATEST_SCHEMA_VERSION) return;
    if (!(await exists()) && !create) {
      throw new CaregateError(
        'CG_LEDGER_NOT_FOUND',
        `no ledger in ${location} yet (the first append creates it)`,
      );
    }
    await c.query('BEGIN');
    try {
      // Serialise first-time setup across processes: CREATE SCHEMA IF NOT EXISTS races otherwise.
      await c.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`caregate-ledger:${schema}`]);
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      if (!(await exists())) {
        const others = await c.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1`, [
          schema,
        ]);
        if ((others.rowCount ?? 0) > 0) {
          throw new CaregateError(
            'CG_LEDGER_CORRUPT',
            `schema in ${location} holds tables but is not a caregate ledger`,
          );
        }
        await c.query(
          `CREATE TABLE ${s}.${SCHEMA_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
        );
      }
      const current = await version();
      if (current > LATEST_SCHEMA_VERSION) {
        throw new CaregateError(
          'CG_DB',
          `ledger schema v${current} in ${location} is newer than this caregate supports (v${LATEST_SCHEMA_VERSION})`,
        );
      }
      for (const m of MIGRATIONS) {
        if (m.version <= current) continue;
        await c.query(m.postgres(s));
        await c.query(`INSERT INTO ${s}.${SCHEMA_TABLE} (version, name, applied_at) VALUES ($1, $2, $3)`, [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
      }
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    c.release();
  }
}

export async function openPostgresStore(
  db: string,
  opts: { create: boolean; poolSize?: number },
): Promise<Store> {
  const { connectionString, schema, location } = parsePostgresUrl(db);
  const pool = new pg.Pool({ connectionString, max: opts.poolSize ?? 4, types });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    await migrate(pool, schema, opts.create, location);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw pgError(err, location);
  }
  return new PostgresStore(pool, schema, location);
}
