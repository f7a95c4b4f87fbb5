import { resolve } from 'node:path';
import { isPostgresUrl, openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export const DEFAULT_DB = '.caregate/ledger.db';

export interface StoreLocation {
  /** A SQLite file path or a postgres:// URL; defaults to $CAREGATE_DB, then .caregate/ledger.db. */
  db?: string | undefined;
  cwd?: string | undefined;
  env?: NodeJS.ProcessEnv | undefined;
}

export function resolveDb(loc: StoreLocation): string {
  const env = loc.env ?? process.env;
  const db = loc.db ?? (env.CAREGATE_DB || undefined) ?? DEFAULT_DB;
  return isPostgresUrl(db) ? db : resolve(loc.cwd ?? process.cwd(), db);
}

export async function openStore(loc: StoreLocation & { create: boolean }): Promise<Store> {
  const db = resolveDb(loc);
  return isPostgresUrl(db)
    ? openPostgresStore(db, { create: loc.create })
    : openSqliteStore(db, { create: loc.create });
}
