/**
 * The ledger as a library: every caregate feature appends through openLedger(), the CLI included.
 */
import { randomBytes } from 'node:crypto';
import { CaregateError } from '../core/errors.js';
import { decodeUtf8 } from './bytes.js';
import { formatTlogProof, parseCheckpointText } from './checkpoint.js';
import { parseLeaf, prepareEvent, type Actor, type EventHeader, type EventInput } from './event.js';
import { keyPaths, loadSigner } from './keys.js';
import { checkIndex } from './merkle.js';
import { parseNote, type SignerKey } from './note.js';
import { consistencyProof, inclusionProof, inclusionProofs } from './proofs.js';
import { sequence, signEmpty, type AppendResult, type SequencerCache } from './sequencer.js';
import { openStore, resolveDb, type StoreLocation } from './store/open.js';
import { isPostgresUrl, parsePostgresUrl } from './store/postgres.js';
import { SALT_SIZE, payloadBody, payloadSalt } from './store/rows.js';
import type { Store, StoreReader, StoredEntry } from './store/types.js';
import { verifyStore, type VerifyOptions, type VerifyReport } from './verify.js';

export type { AppendResult } from './sequencer.js';

export interface OpenLedgerOptions extends StoreLocation {
  /** Directory of ledger.key / ledger.vkeys; default .caregate/keys under cwd. */
  keysDir?: string | undefined;
  /** Signing key to use instead of the key file. */
  signer?: SignerKey | undefined;
}

export interface LedgerEntry {
  index: number;
  kind: string;
  time: string;
  /** The committed header, parsed from the leaf. */
  header: EventHeader;
  /** The leaf data exactly as hashed (canonical JSON). */
  leaf: string;
  leafHash: string;
  /** Absent once redacted. */
  payload?: Record<string, unknown>;
  /** base64 salt of the payload digest; with the payload it lets anyone recheck the leaf's commitment. */
  salt?: string;
  /** Index of the ledger.redacted entry that erased the payload. */
  redactedBy?: number;
}

/** What `proof()` returns: the same fields as an append's result, for an entry already in the log. */
export type InclusionReceipt = AppendResult;

export interface ConsistencyResult {
  size1: number;
  size2: number;
  proof: string[];
  /** Signed checkpoint for size2. */
  checkpoint: string;
}

export interface ShowFilter {
  kind?: string;
  since?: string;
  limit?: number;
  from?: number;
}

export interface ExportSnapshot {
  origin: string;
  treeSize: number;
  checkpoint: string;
  entries: LedgerEntry[];
  /** Inclusion proof of every entry in treeSize, when asked for. */
  proofs?: Map<number, string[]>;
}

export interface Ledger {
  /** Where the ledger lives (file path, or postgres URL without credentials). */
  readonly location: string;
  append(event: EventInput): Promise<AppendResult>;
  /** Append many events in one transaction under one checkpoint. */
  appendBatch(events: readonly EventInput[]): Promise<AppendResult[]>;
  /** Erase an entry's payload (erasure request, retention) and log the erasure; proofs keep verifying. */
  redact(index: number, reason: string, actor?: Actor): Promise<AppendResult>;
  proof(index: number): Promise<InclusionReceipt>;
  consistency(size1: number): Promise<ConsistencyResult>;
  /** The latest signed checkpoint (an empty ledger gets one signed for size 0). */
  checkpoint(): Promise<string>;
  verify(opts: VerifyOptions): Promise<VerifyReport>;
  show(filter?: ShowFilter): Promise<LedgerEntry[]>;
  snapshot(opts?: { proofs?: boolean }): Promise<ExportSnapshot>;
  /** Append the rotation event signed by the current and the next key; later appends use `next`. */
  rotateKey(next: SignerKey): Promise<AppendResult>;
  size(): Promise<number>;
  origin(): Promise<string | undefined>;
  /** The current signing key (name+hexid) and the tree size it has signed from. */
  signingKey(): Promise<{ key: string; from: number } | undefined>;
  close(): Promise<void>;
}

function toEntry(e: StoredEntry): LedgerEntry {
  const header = parseLeaf(e.leaf);
  if (!header) {
    throw new CaregateError(
      'CG_LEDGER_CORRUPT',
      `entry ${e.idx} has unreadable leaf data; run \`caregate ledger verify\``,
    );
  }
  const out: LedgerEntry = {
    index: e.idx,
    kind: e.kind,
    time: e.time,
    header,
    leaf: e.leaf.toString('utf8'),
    leafHash: e.hashes.subarray(0, 32).toString('base64'),
  };
  if (e.payload?.data) {
    const text = decodeUtf8(payloadBody(e.payload.data));
    let value: unknown;
    try {
      value = text === undefined ? undefined : JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (typeof value !== 'object' || value === null) {
      throw new CaregateError(
        'CG_LEDGER_CORRUPT',
        `entry ${e.idx} has an unreadable payload; run \`caregate ledger verify\``,
      );
    }
    out.payload = value as Record<string, unknown>;
    out.salt = payloadSalt(e.payload.data).toString('base64');
  }
  if (e.payload?.redactedBy !== null && e.payload?.redactedBy !== undefined)
    out.redactedBy = e.payload.redactedBy;
  return out;
}

/** The latest checkpoint must cover the head; anything else means the store was altered. */
async function latestFor(r: StoreReader): Promise<{ size: number; note: string }> {
  const { head, checkpoint: latest } = await r.latest();
  const note = latest ? decodeUtf8(latest.note) : undefined;
  if (!latest || latest.size !== head.size || note === undefined) {
    throw new CaregateError(
      'CG_LEDGER_CORRUPT',
      head.size === 0
        ? 'the ledger is empty'
        : 'the latest entries have no checkpoint; run `caregate ledger verify`',
    );
  }
  return { size: head.size, note };
}

class LedgerImpl implements Ledger {
  private storePromise: Promise<Store> | undefined;
  private signerKey: SignerKey | undefined;
  private readonly cache: SequencerCache = {};
  readonly location: string;

  constructor(private readonly opts: OpenLedgerOptions) {
    this.signerKey = opts.signer;
    const db = resolveDb(opts);
    this.location = isPostgresUrl(db) ? parsePostgresUrl(db).location : db;
  }

  /** Readers never create the database; the first write does. */
  private store(create: boolean): Promise<Store> {
    if (!this.storePromise) {
      const p = openStore({ ...this.opts, create });
      this.storePromise = p;
      p.catch(() => {
        if (this.storePromise === p) this.storePromise = undefined;
      });
    }
    return this.storePromise;
  }

  private signer(): SignerKey {
    this.signerKey ??= loadSigner(keyPaths(this.opts).signer);
    return this.signerKey;
  }

  async append(event: EventInput): Promise<AppendResult> {
    const [r] = await this.appendBatch([event]);
    return r!;
  }

  async appendBatch(events: readonly EventInput[]): Promise<AppendResult[]> {
    // Validate and load the key before touching the database: bad input must never write anything.
    // One random draw for the whole batch instead of one (about 2 µs) per event.
    const salts = randomBytes(SALT_SIZE * events.length);
    const prepared = events.map((e, i) =>
      prepareEvent(e, { salt: salts.subarray(i * SALT_SIZE, (i + 1) * SALT_SIZE) }),
    );
    if (prepared.length === 0) return [];
    const signer = this.signer();
    const store = await this.store(true);
    return store.write((tx) => sequence(tx, prepared, { signers: [signer], cache: this.cache }));
  }

  async redact(index: number, reason: string, actor?: Actor): Promise<AppendResult> {
    checkIndex(index, 'entry index');
    const input: EventInput = { kind: 'ledger.redacted', payload: { reason }, refs: [index] };
    if (actor) input.actor = actor;
    const prepared = prepareEvent(input, { internal: true });
    const signer = this.signer();
    const store = await this.store(false);
    const [r] = await store.write((tx) =>
      sequence(tx, [prepared], {
        signers: [signer],
        cache: this.cache,
        before: async (t, size) => {
          if (index >= size)
            throw new CaregateError('CG_USAGE', `no entry ${index} (the ledger has ${size} entries)`);
          const e = await t.entry(index);
          if (!e?.payload?.data)
            throw new CaregateError('CG_USAGE', `entry ${index} has no payload left to erase`);
        },
        after: async (t, [by]) => {
          if (!(await t.redactPayload(index, by!))) {
            throw new CaregateError('CG_LEDGER_CORRUPT', `could not erase the payload of entry ${index}`);
          }
        },
      }),
    );
    return r!;
  }

  async rotateKey(next: SignerKey): Promise<AppendResult> {
    const current = this.signer();
    if (next.name !== current.name) {
      throw new CaregateError('CG_KEY', `the new key is for log "${next.name}", not "${current.name}"`);
    }
    const prepared = prepareEvent(
      {
        kind: 'ledger.key-rotated',
        payload: { from: current.vkey, to: next.vkey },
        actor: { type: 'system', id: 'caregate' },
      },
      { internal: true },
    );
    const store = await this.store(true);
    const [r] = await store.write((tx) =>
      sequence(tx, [prepared], { signers: [current, next], cache: this.cache, keep: true, rotateTo: next }),
    );
    this.signerKey = next;
    return r!;
  }

  async proof(index: number): Promise<InclusionReceipt> {
    checkIndex(index, 'entry index');
    const store = await this.store(false);
    // Entries below the checkpointed size never change, so after the one-statement latest() the
    // reads need no snapshot transaction: two fewer round trips on PostgreSQL.
    return store.read(
      async (r) => {
        const latest = await latestFor(r).catch((err: unknown) => {
          if (err instanceof CaregateError && err.message === 'the ledger is empty') {
            throw new CaregateError('CG_USAGE', `no entry ${index} (the ledger is empty)`);
          }
          throw err;
        });
        if (index >= latest.size) {
          throw new CaregateError('CG_USAGE', `no entry ${index} (the ledger has ${latest.size} entries)`);
        }
        const e = await r.entry(index);
        if (!e)
          throw new CaregateError(
            'CG_LEDGER_CORRUPT',
            `entry ${index} is missing; run \`caregate ledger verify\``,
          );
        const proof = await inclusionProof(r, index, latest.size);
        const entry = toEntry(e);
        return {
          index,
          leafHash: entry.leafHash,
          header: entry.header,
          treeSize: latest.size,
          proof: proof.map((p) => p.toString('base64')),
          checkpoint: latest.note,
          receipt: formatTlogProof({ extra: e.leaf, index, proof, checkpoint: latest.note }),
        };
      },
      { snapshot: false },
    );
  }

  async consistency(size1: number): Promise<ConsistencyResult> {
    checkIndex(size1, 'tree size');
    const store = await this.store(false);
    return store.read(async (r) => {
      const latest = await latestFor(r);
      if (size1 > latest.size) {
        throw new CaregateError(
          'CG_USAGE',
          `tree size ${size1} is beyond the ledger's ${latest.size} entries`,
        );
      }
      const proof = await consistencyProof(r, size1, latest.size);
      return {
        size1,
        size2: latest.size,
        proof: proof.map((p) => p.toString('base64')),
        checkpoint: latest.note,
      };
    });
  }

  async checkpoint(): Promise<string> {
    const store = await this.store(false);
    const existing = await store.read(async (r) => {
      const head = await r.head();
      const latest = await r.latestCheckpoint();
      return head.size === 0 && !latest ? undefined : (await latestFor(r)).note;
    });
    if (existing !== undefined) return existing;
    const signer = this.signer();
    return store.write(async (tx) => {
      const latest = await tx.latestCheckpoint();
      if (latest) return (await latestFor(tx)).note;
      return signEmpty(tx, signer, this.cache);
    });
  }

  async verify(opts: VerifyOptions): Promise<VerifyReport> {
    const store = await this.store(false);
    return store.read((r) => verifyStore(r, opts));
  }

  async show(filter: ShowFilter = {}): Promise<LedgerEntry[]> {
    const store = await this.store(false);
    const rows = await store.read((r) => r.entries(filter));
    return rows.map(toEntry);
  }

  async snapshot(opts: { proofs?: boolean } = {}): Promise<ExportSnapshot> {
    const store = await this.store(false);
    return store.read(async (r) => {
      const latest = await latestFor(r);
      const origin = await r.meta('origin');
      if (origin === undefined) throw new CaregateError('CG_LEDGER_CORRUPT', 'the ledger has no origin');
      const entries: LedgerEntry[] = [];
      for await (const page of r.scan()) for (const e of page) entries.push(toEntry(e));
      const snap: ExportSnapshot = { origin, treeSize: latest.size, checkpoint: latest.note, entries };
      if (opts.proofs) {
        const indexes = entries.map((e) => e.index);
        const proofs = await inclusionProofs(r, indexes, latest.size);
        snap.proofs = new Map(indexes.map((i, k) => [i, proofs[k]!.map((p) => p.toString('base64'))]));
      }
      return snap;
    });
  }

  async size(): Promise<number> {
    const store = await this.store(false);
    return store.read(async (r) => (await r.head()).size);
  }

  async origin(): Promise<string | undefined> {
    const store = await this.store(false);
    return store.read((r) => r.meta('origin'));
  }

  async signingKey(): Promise<{ key: string; from: number } | undefined> {
    const store = await this.store(false);
    return store.read(async (r) => {
      const key = await r.meta('key');
      return key === undefined ? undefined : { key, from: Number(await r.meta('key-from')) };
    });
  }

  async close(): Promise<void> {
    const p = this.storePromise;
    this.storePromise = undefined;
    if (p) await (await p.catch(() => undefined))?.close();
  }
}

/** Open a ledger; the database is opened on first use and created by the first append. */
export function openLedger(opts: OpenLedgerOptions = {}): Ledger {
  return new LedgerImpl(opts);
}

/** Root and size of the latest checkpoint note, without verifying it (for display). */
export function describeCheckpoint(note: string): { origin: string; size: number; root: string } {
  const cp = parseCheckpointText(parseNote(note).text);
  return { origin: cp.origin, size: cp.size, root: cp.root.toString('base64') };
}
