/**
 * c2sp.org/tlog-checkpoint bodies and c2sp.org/tlog-proof@v1 offline receipts.
 */
import { HASH_SIZE, decodeBase64, encodeBase64 } from './bytes.js';
import { verifyInclusion, leafHash as hashLeaf, ProofError } from './merkle.js';
import { NoteError, keyLabel, openNote, type VerifierKey } from './note.js';

export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  /** Extension lines; caregate writes none (they are not auditable) but accepts them. */
  extensions: string[];
}

/**
 * A public key a verifier trusts, limited to the tree sizes it may sign: after a rotation the old key
 * is trusted up to the boundary checkpoint and the new one from it, so a leaked retired key cannot
 * vouch for anything appended later.
 */
export interface TrustedKey {
  key: VerifierKey;
  from: number;
  until?: number;
}

export function formatCheckpoint(
  cp: Pick<Checkpoint, 'origin' | 'size' | 'root'> & { extensions?: string[] },
): string {
  const ext = (cp.extensions ?? []).map((l) => `${l}\n`).join('');
  return `${cp.origin}\n${cp.size}\n${encodeBase64(cp.root)}\n${ext}`;
}

export function parseDecimal(text: string, what: string): number {
  if (!/^(0|[1-9][0-9]*)$/.test(text)) throw new NoteError(`${what} is not a decimal without leading zeroes`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new NoteError(`${what} is too large`);
  return n;
}

export function parseCheckpointText(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new NoteError('checkpoint text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new NoteError('checkpoint needs origin, size and root lines');
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw new NoteError('checkpoint origin is empty');
  const size = parseDecimal(sizeLine, 'checkpoint tree size');
  const root = decodeBase64(rootLine);
  if (!root || root.length !== HASH_SIZE) throw new NoteError('checkpoint root is not a base64 SHA-256 hash');
  if (extensions.some((l) => l.length === 0))
    throw new NoteError('checkpoint extension lines must be non-empty');
  return { origin, size, root, extensions };
}

export interface VerifiedCheckpoint extends Checkpoint {
  note: string;
  /** Trusted keys whose signatures verified and whose validity covers this size. */
  signedBy: VerifierKey[];
}

/** Open a signed checkpoint with keys trusted for its tree size. Throws NoteError with the reason. */
export function openCheckpoint(
  note: string,
  trusted: readonly TrustedKey[],
  origin?: string,
): VerifiedCheckpoint {
  const opened = openNote(
    note,
    trusted.map((t) => t.key),
  );
  const cp = parseCheckpointText(opened.text);
  if (origin !== undefined && cp.origin !== origin) {
    throw new NoteError(`checkpoint is for log "${cp.origin}", expected "${origin}"`);
  }
  const signedBy = opened.verifiedBy.filter((k) =>
    trusted.some((t) => t.key === k && cp.size >= t.from && (t.until === undefined || cp.size <= t.until)),
  );
  if (signedBy.length === 0) {
    const who = opened.verifiedBy.map(keyLabel).join(', ');
    throw new NoteError(
      `checkpoint at size ${cp.size} is signed only by keys not valid at that size (${who})`,
    );
  }
  return { ...cp, note, signedBy };
}

// ---------------------------------------------------------------------------------------------
// tlog-proof@v1

export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

export interface TlogProof {
  /** Opaque extra data; caregate puts the leaf data here so the receipt carries what it proves. */
  extra?: Buffer;
  index: number;
  proof: Buffer[];
  /** The signed checkpoint note, verbatim. */
  checkpoint: string;
}

export function formatTlogProof(p: TlogProof): string {
  const extra = p.extra ? `extra ${encodeBase64(p.extra)}\n` : '';
  const hashes = p.proof.map((h) => `${encodeBase64(h)}\n`).join('');
  return `${TLOG_PROOF_HEADER}\n${extra}index ${p.index}\n${hashes}\n${p.checkpoint}`;
}

export function parseTlogProof(text: string): TlogProof {
  const lines = text.split('\n');
  let i = 0;
  if (lines[i++] !== TLOG_PROOF_HEADER) throw new NoteError(`not a ${TLOG_PROOF_HEADER} proof`);
  let extra: Buffer | undefined;
  if (lines[i]?.startsWith('extra ')) {
    extra = decodeBase64(lines[i]!.slice('extra '.length));
    if (!extra) throw new NoteError('proof extra data is not base64');
    i++;
  }
  const indexLine = lines[i++] ?? '';
  if (!indexLine.startsWith('index ')) throw new NoteError('proof has no index line');
  const index = parseDecimal(indexLine.slice('index '.length), 'proof index');
  const proof: Buffer[] = [];
  while (i < lines.length && lines[i] !== '') {
    const h = decodeBase64(lines[i]!);
    if (!h || h.length !== HASH_SIZE) throw new NoteError(`proof line ${i + 1} is not a base64 SHA-256 hash`);
    proof.push(h);
    i++;
  }
  if (i >= lines.length) throw new NoteError('proof has no checkpoint');
  const checkpoint = lines.slice(i + 1).join('\n');
  return extra ? { extra, index, proof, checkpoint } : { index, proof, checkpoint };
}

export interface VerifiedReceipt {
  index: number;
  leafHash: Buffer;
  checkpoint: VerifiedCheckpoint;
  leafData?: Buffer;
}

/**
 * Check a receipt offline: the checkpoint must be signed by a trusted key and the inclusion proof
 * must lead from the leaf to its root. The leaf comes from the caller or, failing that, the extra data.
 */
export function verifyTlogProof(
  text: string,
  trusted: readonly TrustedKey[],
  opts: { origin?: string; leafHash?: Buffer } = {},
): VerifiedReceipt {
  const p = parseTlogProof(text);
  const checkpoint = openCheckpoint(p.checkpoint, trusted, opts.origin);
  const leaf = opts.leafHash ?? (p.extra ? hashLeaf(p.extra) : undefined);
  if (!leaf) throw new NoteError('proof carries no leaf data and no leaf hash was given');
  try {
    verifyInclusion(p.index, checkpoint.size, leaf, p.proof, checkpoint.root);
  } catch (err) {
    if (err instanceof ProofError) throw new NoteError(`entry ${p.index}: ${err.message}`);
    throw err;
  }
  return p.extra
    ? { index: p.index, leafHash: leaf, checkpoint, leafData: p.extra }
    : { index: p.index, leafHash: leaf, checkpoint };
}
