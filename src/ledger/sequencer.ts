/**
 * The sequencer: appends prepared events in one store transaction together with their tree nodes,
 * the new head and a checkpoint signed for the new size, and returns proofs into that same size.
 */
import { CaregateError } from '../core/errors.js';
import { bytesEqual, decodeUtf8 } from './bytes.js';
import { formatCheckpoint, formatTlogProof, parseCheckpointText } from './checkpoint.js';
import type { EventHeader, PreparedEvent } from './event.js';
import { appendToFrontier, frontierIds, nodeKey, rootFromFrontier } from './merkle.js';
import { NoteError, keyLabel, openNote, signNote, type SignerKey } from './note.js';
import { inclusionProofs } from './proofs.js';
import type { EntryRow, StoreWriter, StoredCheckpoint } from './store/types.js';

/** Besides the latest, keep one checkpoint per this many entries so verify can localise damage. */
export const CHECKPOINT_INTERVAL = 1024;

export interface AppendResult {
  index: number;
  /** base64 RFC 9162 leaf hash. */
  leafHash: string;
  header: EventHeader;
  /** The tree size the proof and checkpoint refer to. */
  treeSize: number;
  /** base64 inclusion proof of the leaf in the tree of treeSize. */
  proof: string[];
  /** C2SP signed checkpoint note for treeSize. */
  checkpoint: string;
  /** The same as a c2sp.org/tlog-proof@v1 receipt carrying the leaf data: verifiable offline. */
  receipt: string;
}

export function splitFrontier(frontier: Buffer, size: number): Buffer[] {
  const count = frontierIds(size).length;
  if (frontier.length !== count * 32) {
    throw new CaregateError(
      'CG_LEDGER_CORRUPT',
      `the stored head does not fit a tree of ${size} entries; run \`caregate ledger verify\``,
    );
  }
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) out.push(frontier.subarray(i * 32, i * 32 + 32));
  return out;
}

/**
 * What a Ledger instance remembers between appends: the last checkpoint it signed or verified, so a
 * writer appending in a loop does not re-verify its own signature every time.
 */
export interface SequencerCache {
  last?: { note: Buffer; size: number; root: Buffer };
}

/**
 * Refuse to sign on top of a head that does not match the latest checkpoint this key signed: that
 * would launder tampering into a fresh valid signature. Also catches the wrong key for this ledger.
 */
function checkHead(
  latest: StoredCheckpoint | undefined,
  size: number,
  frontier: Buffer[],
  signer: SignerKey,
  cache: SequencerCache,
): void {
  if (size === 0 && !latest) return;
  if (!latest || latest.size !== size) {
    throw new CaregateError(
      'CG_LEDGER_CORRUPT',
      `the ledger has ${size} entries but its latest checkpoint covers ${latest?.size ?? 'none'}; run \`caregate ledger verify\``,
    );
  }
  try {
    let signed = cache.last && bytesEqual(cache.last.note, latest.note) ? cache.last : undefined;
    if (!signed) {
      const note = decodeUtf8(latest.note);
      if (note === undefined) throw new NoteError('checkpoint is not UTF-8');
      const cp = parseCheckpointText(openNote(note, [signer]).text);
      signed = { note: latest.note, size: cp.size, root: cp.root };
    }
    // Compared on every append, cached or not: the head is what the new checkpoint will extend.
    if (signed.size !== size || !bytesEqual(signed.root, rootFromFrontier(frontier))) {
      throw new NoteError('the stored head does not match the latest signed checkpoint');
    }
    cache.last = signed;
  } catch (err) {
    if (!(err instanceof NoteError)) throw err;
    if (err.message === 'note is not signed by any known key') {
      throw new CaregateError(
        'CG_KEY',
        `signing key ${keyLabel(signer)} is not this ledger's key (it did not sign the latest checkpoint)`,
      );
    }
    throw new CaregateError('CG_LEDGER_CORRUPT', `${err.message}; run \`caregate ledger verify\``);
  }
}

export interface SequenceOptions {
  /** Signers for the new checkpoint; the first is the ledger's key. Rotation passes old and new. */
  signers: readonly SignerKey[];
  cache: SequencerCache;
  /** Keep this checkpoint permanently (key rotation boundaries). */
  keep?: boolean;
  /** Make this key the ledger's signing key from the new size on (key rotation). */
  rotateTo?: SignerKey;
  /** Runs inside the transaction after the entries are written, with their indexes. */
  after?: (tx: StoreWriter, indexes: number[]) => Promise<void>;
  /** Runs inside the transaction before anything is written, with the current size. */
  before?: (tx: StoreWriter, size: number) => Promise<void>;
}

/**
 * The ledger records its origin and current signing key on first use; a different key (another
 * log's, or the old one after a rotation) is refused before anything is written.
 */
async function claimIdentity(tx: StoreWriter, signer: SignerKey): Promise<string> {
  const meta = await tx.metaAll();
  const origin = meta.get('origin');
  if (origin !== undefined && origin !== signer.name) {
    throw new CaregateError(
      'CG_KEY',
      `signing key is for log "${signer.name}" but this ledger is "${origin}"`,
    );
  }
  const key = meta.get('key');
  if (key !== undefined && key !== keyLabel(signer)) {
    throw new CaregateError(
      'CG_KEY',
      `this ledger is signed by key ${key} (since size ${meta.get('key-from') ?? '?'}), not ${keyLabel(signer)}; ` +
        'if a rotation was interrupted, run `caregate keys rotate` again to finish it',
    );
  }
  if (origin === undefined) await tx.setMeta('origin', signer.name);
  if (key === undefined) {
    await tx.setMeta('key', keyLabel(signer));
    await tx.setMeta('key-from', '0');
  }
  return signer.name;
}

export async function sequence(
  tx: StoreWriter,
  events: readonly PreparedEvent[],
  opts: SequenceOptions,
): Promise<AppendResult[]> {
  const signer = opts.signers[0];
  if (!signer) throw new Error('sequence() needs a signer');
  const { head, checkpoint: latest } = await tx.latest();
  let frontier = splitFrontier(head.frontier, head.size);
  const origin = await claimIdentity(tx, signer);
  checkHead(latest, head.size, frontier, signer, opts.cache);
  await opts.before?.(tx, head.size);

  // Nodes this batch touches, so proofs for the new leaves need no database reads.
  const overlay = new Map<string, Buffer>();
  frontierIds(head.size).forEach((id, i) => overlay.set(nodeKey(id), frontier[i]!));
  const rows: EntryRow[] = [];
  let size = head.size;
  for (const e of events) {
    const { frontier: next, completed } = appendToFrontier(frontier, size, e.leafHash);
    overlay.set(nodeKey({ level: 0, index: size }), e.leafHash);
    completed.forEach((h, i) => {
      const level = i + 1;
      overlay.set(nodeKey({ level, index: (size + 1) / 2 ** level - 1 }), h);
    });
    rows.push({
      idx: size,
      kind: e.header.kind,
      time: e.header.time,
      leaf: e.leaf,
      hashes: Buffer.concat([e.leafHash, ...completed]),
    });
    frontier = next;
    size++;
  }
  const root = rootFromFrontier(frontier);
  const note = signNote(formatCheckpoint({ origin, size, root }), opts.signers);
  const noteBytes = Buffer.from(note, 'utf8');
  const keep =
    opts.keep === true ||
    Math.floor(head.size / CHECKPOINT_INTERVAL) !== Math.floor(size / CHECKPOINT_INTERVAL);

  await tx.appendRows({
    entries: rows,
    payloads: events.map((e, i) => ({ idx: head.size + i, data: e.data })),
    head: { size, frontier: Buffer.concat(frontier) },
    checkpoint: { size, note: noteBytes, keep },
  });
  if (opts.rotateTo) {
    await tx.setMeta('key', keyLabel(opts.rotateTo));
    await tx.setMeta('key-from', String(size));
  }
  const indexes = rows.map((r) => r.idx);
  await opts.after?.(tx, indexes);
  const proofs = await inclusionProofs(tx, indexes, size, overlay);
  opts.cache.last = { note: noteBytes, size, root };
  return events.map((e, i) => ({
    index: head.size + i,
    leafHash: e.leafHash.toString('base64'),
    header: e.header,
    treeSize: size,
    proof: proofs[i]!.map((p) => p.toString('base64')),
    checkpoint: note,
    receipt: formatTlogProof({ extra: e.leaf, index: head.size + i, proof: proofs[i]!, checkpoint: note }),
  }));
}

/** Sign a checkpoint for an empty ledger, so even size 0 can be saved and compared later. */
export async function signEmpty(tx: StoreWriter, signer: SignerKey, cache: SequencerCache): Promise<string> {
  const head = await tx.head();
  if (head.size !== 0) throw new Error('signEmpty on a non-empty ledger');
  const origin = await claimIdentity(tx, signer);
  const note = signNote(formatCheckpoint({ origin, size: 0, root: rootFromFrontier([]) }), [signer]);
  const bytes = Buffer.from(note, 'utf8');
  await tx.saveCheckpoint({ size: 0, note: bytes, keep: true });
  cache.last = { note: bytes, size: 0, root: rootFromFrontier([]) };
  return note;
}
