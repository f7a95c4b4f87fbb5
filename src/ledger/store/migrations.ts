/**
 * Versioned schema migrations, one list for both databases so their tables cannot drift apart.
 * Append new versions; never edit an applied one.
 *
 * Tables:
 * - entries: the tree. Leaf data (event header, no PHI) and `hashes`: the leaf hash followed by the
 *   hashes of the complete subtrees the leaf finished (node of level L at byte 32 * L). Never updated.
 * - payloads: `data` = 32-byte salt || canonical JSON payload, beside the tree; erased (NULL) on
 *   redaction. Few columns per row matter: verify reads every row, and each blob costs a copy.
 * - checkpoints: signed checkpoints; the latest plus one per 1024 entries and every key rotation.
 * - head: the current size and frontier, and the row the sequencer locks.
 * - meta: the log's origin and format marker.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: (schema: string) => string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger tables',
    sqlite: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE head (id INTEGER PRIMARY KEY CHECK (id = 1), size INTEGER NOT NULL, frontier BLOB NOT NULL);
      INSERT INTO head (id, size, frontier) VALUES (1, 0, X'');
      CREATE TABLE entries (
        idx INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        time TEXT NOT NULL,
        leaf BLOB NOT NULL,
        hashes BLOB NOT NULL
      );
      CREATE INDEX entries_time ON entries (time);
      CREATE INDEX entries_kind ON entries (kind, idx);
      CREATE TABLE payloads (idx INTEGER PRIMARY KEY, data BLOB, redacted_by INTEGER);
      CREATE TABLE checkpoints (size INTEGER PRIMARY KEY, note BLOB NOT NULL, keep INTEGER NOT NULL);
      INSERT INTO meta (key, value) VALUES ('format', 'caregate-ledger');
    `,
    postgres: (s) => `
      CREATE TABLE ${s}.meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE ${s}.head (id INTEGER PRIMARY KEY CHECK (id = 1), size BIGINT NOT NULL, frontier BYTEA NOT NULL);
      INSERT INTO ${s}.head (id, size, frontier) VALUES (1, 0, ''::bytea);
      CREATE TABLE ${s}.entries (
        idx BIGINT PRIMARY KEY,
        kind TEXT NOT NULL,
        time TEXT NOT NULL,
        leaf BYTEA NOT NULL,
        hashes BYTEA NOT NULL
      );
      CREATE INDEX entries_time ON ${s}.entries (time);
      CREATE INDEX entries_kind ON ${s}.entries (kind, idx);
      CREATE TABLE ${s}.payloads (idx BIGINT PRIMARY KEY, data BYTEA, redacted_by BIGINT);
      CREATE TABLE ${s}.checkpoints (size BIGINT PRIMARY KEY, note BYTEA NOT NULL, keep BOOLEAN NOT NULL);
      INSERT INTO ${s}.meta (key, value) VALUES ('format', 'caregate-ledger');
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Name of the table recording applied migrations. */
export const SCHEMA_TABLE = 'caregate_schema';
