/**
 * What the ledger needs from a database. SQLite and PostgreSQL implement it with the same tables
 * (see migrations.ts) and pass the same conformance suite (test/ledger/conformance.ts).
 */
import type { NodeId } from '../merkle.js';

export interface EntryRow {
  idx: number;
  kind: string;
  time: string;
  /** Canonical JSON of the event header: the RFC 9162 leaf data. */
  leaf: Buffer;
  /**
   * The leaf hash, then the hashes of the complete subtrees this leaf finished: the node of level L
   * at bytes [32 L, 32 L + 32).
   */
  hashes: Buffer;
}

export interface PayloadRow {
  idx: number;
  /** 32-byte salt followed by the canonical JSON payload; null once erased. */
  data: Buffer | null;
  /** Index of the ledger.redacted entry that erased it. */
  redactedBy: number | null;
}

/** An entry joined with its payload row (payload null when the row is missing altogether). */
export interface StoredEntry extends EntryRow {
  payload: PayloadRow | null;
}

export interface Head {
  size: number;
  /** Concatenated frontier hashes (largest subtree first). */
  frontier: Buffer;
}

export interface StoredCheckpoint {
  size: number;
  note: Buffer;
  keep: boolean;
}

export interface AppendRows {
  entries: readonly EntryRow[];
  payloads: readonly { idx: number; data: Buffer }[];
  head: Head;
  checkpoint: StoredCheckpoint;
}

export interface EntryFilter {
  kind?: string;
  /** ISO time; entries at or after it. */
  since?: string;
  limit?: number;
  /** First index to consider. */
  from?: number;
}

export interface StoreReader {
  head(): Promise<Head>;
  /** Head and latest checkpoint read together (one statement where the database allows). */
  latest(): Promise<{ head: Head; checkpoint: StoredCheckpoint | undefined }>;
  meta(key: string): Promise<string | undefined>;
  metaAll(): Promise<Map<string, string>>;
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>;
  checkpoints(): Promise<StoredCheckpoint[]>;
  entry(idx: number): Promise<StoredEntry | undefined>;
  entries(filter: EntryFilter): Promise<StoredEntry[]>;
  /** Node hashes by NodeId key (merkle.nodeKey); missing nodes are absent from the map. */
  nodes(ids: readonly NodeId[]): Promise<Map<string, Buffer>>;
  /**
   * Every entry in index order, a page at a time (rows as stored, gaps included). Pages rather than
   * rows: an await per row would cost verify half a second per million entries.
   */
  scan(batchSize?: number): AsyncIterable<StoredEntry[]>;
  /** Payload rows whose index has no entry (should never exist). */
  orphanPayloads(): Promise<number[]>;
}

export interface StoreWriter extends StoreReader {
  setMeta(key: string, value: string): Promise<void>;
  /**
   * Write an append: its entries and payloads, the new head, and its checkpoint (dropping earlier
   * checkpoints not marked keep). One call so PostgreSQL can do it in one round trip.
   */
  appendRows(batch: AppendRows): Promise<void>;
  /** Store a checkpoint and drop earlier ones not marked keep (the latest one is always kept). */
  saveCheckpoint(cp: StoredCheckpoint): Promise<void>;
  /** Erase a payload (salt included); returns false when there is nothing to erase. */
  redactPayload(idx: number, by: number): Promise<boolean>;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Human-readable location with credentials removed. */
  readonly location: string;
  /**
   * Run a sequencer transaction: one writer at a time across processes; all of fn's writes commit
   * together or not at all.
   */
  write<T>(fn: (tx: StoreWriter) => Promise<T>): Promise<T>;
  /**
   * Run reads against one consistent snapshot. `snapshot: false` skips the transaction for reads
   * that are consistent on their own (latest() plus immutable entries), saving PostgreSQL round trips.
   */
  read<T>(fn: (r: StoreReader) => Promise<T>, opts?: { snapshot?: boolean }): Promise<T>;
  close(): Promise<void>;
}
