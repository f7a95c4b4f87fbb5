/**
 * Full verification of a stored ledger in one pass: every leaf is rehashed from its data, every
 * stored node recomputed, every payload checked against the digest its leaf committed to, every
 * stored checkpoint's signature checked and its root compared with the tree recomputed at its size.
 * All roots coming from one recomputed tree is what makes consecutive checkpoints consistent; saved
 * external checkpoints are additionally checked with an RFC 9162 consistency proof.
 */
import { CaregateError } from '../core/errors.js';
import { bytesEqual, decodeUtf8 } from './bytes.js';
import { openCheckpoint, type TrustedKey, type VerifiedCheckpoint } from './checkpoint.js';
import { parseLeaf, payloadMatches } from './event.js';
import {
  EMPTY_ROOT,
  ProofError,
  completedCount,
  leafHash,
  nodeHash,
  rootFromFrontier,
  verifyConsistency,
} from './merkle.js';
import { NoteError, keyLabel } from './note.js';
import { consistencyProofs } from './proofs.js';
import type { StoreReader } from './store/types.js';

export type ProblemArea = 'leaf' | 'node' | 'payload' | 'checkpoint' | 'head' | 'log';

export interface VerifyProblem {
  area: ProblemArea;
  /** The entry the problem is in, when it is about one. */
  index?: number;
  /** The checkpoint size, for checkpoint problems. */
  size?: number;
  message: string;
}

export interface VerifyOptions {
  /** Published verifier keys with the tree sizes they may sign. */
  trusted: readonly TrustedKey[];
  /** Signed checkpoints saved earlier (by a witness, a CI job, an auditor) that this log must extend. */
  saved?: readonly string[];
}

export interface VerifyReport {
  ok: boolean;
  origin: string | undefined;
  size: number;
  /** base64 root recomputed from the leaves. */
  root: string;
  checkpoints: number;
  savedCheckpoints: number;
  signers: string[];
  problems: VerifyProblem[];
  /** Problems beyond the listed ones. */
  moreProblems: number;
}

const MAX_LISTED = 50;

interface Target {
  size: number;
  root: Buffer;
  what: string;
}

export function describeProblem(p: VerifyProblem): string {
  if (p.index !== undefined) return `entry ${p.index}: ${p.message}`;
  if (p.size !== undefined) return `checkpoint at size ${p.size}: ${p.message}`;
  return p.message;
}

export async function verifyStore(r: StoreReader, opts: VerifyOptions): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  let more = 0;
  const problem = (p: VerifyProblem) => (problems.length < MAX_LISTED ? problems.push(p) : more++);
  const origin = await r.meta('origin');
  const head = await r.head();
  const signers = new Set<string>();

  const targets = new Map<number, Target[]>();
  const addTarget = (t: Target) => targets.set(t.size, [...(targets.get(t.size) ?? []), t]);
  const stored = await r.checkpoints();
  const signedStored: VerifiedCheckpoint[] = [];
  for (const cp of stored) {
    const text = decodeUtf8(cp.note);
    try {
      if (text === undefined) throw new NoteError('note is not valid UTF-8');
      const v = openCheckpoint(text, opts.trusted, origin);
      if (v.size !== cp.size)
        throw new NoteError(`note says size ${v.size} but it is stored as size ${cp.size}`);
      v.signedBy.forEach((k) => signers.add(keyLabel(k)));
      addTarget({ size: v.size, root: v.root, what: 'stored checkpoint' });
      signedStored.push(v);
    } catch (err) {
      if (!(err instanceof NoteError)) throw err;
      problem({ area: 'checkpoint', size: cp.size, message: err.message });
    }
  }
  const saved: VerifiedCheckpoint[] = [];
  for (const [i, note] of (opts.saved ?? []).entries()) {
    try {
      const v = openCheckpoint(note, opts.trusted, origin);
      saved.push(v);
      addTarget({ size: v.size, root: v.root, what: 'saved checkpoint' });
    } catch (err) {
      if (!(err instanceof NoteError)) throw err;
      problem({ area: 'checkpoint', message: `saved checkpoint ${i + 1}: ${err.message}` });
    }
  }
  const checkTargets = (size: number, root: Buffer) => {
    for (const t of targets.get(size) ?? []) {
      if (!bytesEqual(t.root, root)) {
        const why =
          t.what === 'saved checkpoint'
            ? 'the log no longer has the tree of this saved checkpoint (earlier entries were changed, reordered or removed)'
            : `signed root does not match the tree recomputed from the entries`;
        problem({ area: 'checkpoint', size, message: `${t.what}: ${why}` });
      }
    }
  };
  checkTargets(0, EMPTY_ROOT);

  const stack: Buffer[] = [];
  const erasedBy = new Map<number, number>();
  let expected = 0;
  let gap = false;
  scan: for await (const page of r.scan()) {
    for (const e of page) {
      if (e.idx !== expected) {
        problem({
          area: 'log',
          index: expected,
          message: `entry is missing (next stored entry is ${e.idx})`,
        });
        gap = true;
        break scan;
      }
      const idx = e.idx;
      const header = parseLeaf(e.leaf);
      const lh = leafHash(e.leaf);
      const stored = e.hashes;
      // Buffer#compare on offsets: no per-node views, which a million-entry verify would feel.
      if (stored.length < 32 || lh.compare(stored, 0, 32) !== 0)
        problem({ area: 'leaf', index: idx, message: 'stored leaf hash does not match the leaf data' });
      if (!header) {
        problem({ area: 'leaf', index: idx, message: 'leaf data is not a caregate event header' });
      } else {
        if (header.kind !== e.kind)
          problem({ area: 'leaf', index: idx, message: 'kind column differs from the leaf' });
        if (header.time !== e.time)
          problem({ area: 'leaf', index: idx, message: 'time column differs from the leaf' });
      }

      const p = e.payload;
      if (!p) {
        problem({ area: 'payload', index: idx, message: 'payload row is missing' });
      } else if (p.data === null) {
        if (p.redactedBy === null || p.redactedBy <= idx) {
          problem({ area: 'payload', index: idx, message: 'payload was erased without a logged redaction' });
        } else {
          erasedBy.set(idx, p.redactedBy);
        }
      } else if (p.redactedBy !== null) {
        problem({ area: 'payload', index: idx, message: 'payload is marked redacted but still present' });
      } else if (header && !payloadMatches(header, p.data)) {
        problem({
          area: 'payload',
          index: idx,
          message: 'payload does not match the digest committed in its leaf',
        });
      }
      if (header?.kind === 'ledger.redacted') {
        for (const ref of header.refs ?? []) {
          if (erasedBy.get(ref) === idx) erasedBy.delete(ref);
          else
            problem({
              area: 'payload',
              index: ref,
              message: `entry ${idx} logs erasing this payload, but it was not erased by it`,
            });
        }
      }

      // Propagate the recomputed leaf hash, not the stored one, so the tree reflects the leaf data.
      let h = lh;
      let s = idx;
      let level = 0;
      const want = (completedCount(idx) + 1) * 32;
      if (stored.length !== want && stored.length >= 32) {
        problem({
          area: 'node',
          index: idx,
          message: `stores ${Math.floor(stored.length / 32) - 1} subtree hashes, expected ${want / 32 - 1}`,
        });
      }
      while (s % 2 === 1) {
        h = nodeHash(stack.pop()!, h);
        level++;
        const end = (level + 1) * 32;
        if (stored.length >= end && h.compare(stored, level * 32, end) !== 0) {
          const first = idx + 1 - 2 ** level;
          problem({
            area: 'node',
            index: idx,
            message: `stored subtree hash for entries ${first}-${idx} (level ${level}) does not match`,
          });
        }
        s = (s - 1) / 2;
      }
      stack.push(h);
      expected++;
      if (targets.has(expected)) checkTargets(expected, rootFromFrontier(stack));
    }
  }

  for (const [ref, by] of erasedBy) {
    problem({
      area: 'payload',
      index: ref,
      message: `payload erased by entry ${by}, which is not a redaction of it`,
    });
  }
  const size = expected;
  const root = rootFromFrontier(stack);
  if (head.size !== size) {
    problem({
      area: 'head',
      message: `the head says ${head.size} entries but ${size} are stored in sequence`,
    });
  } else if (!bytesEqual(head.frontier, Buffer.concat(stack))) {
    problem({ area: 'head', message: 'the stored head (frontier) does not match the recomputed tree' });
  }
  for (const [s, list] of targets) {
    if (s <= size) continue;
    for (const t of list) {
      problem({
        area: 'checkpoint',
        size: s,
        message: `${t.what} covers ${s} entries but the log has ${size}: entries were removed`,
      });
    }
  }
  const latest = stored[stored.length - 1];
  if (!gap && size > 0 && latest?.size !== size) {
    problem({
      area: 'checkpoint',
      size,
      message: 'the latest entries are not covered by a stored signed checkpoint',
    });
  }
  const orphans = await r.orphanPayloads();
  for (const o of orphans) problem({ area: 'payload', index: o, message: 'payload row has no entry' });

  // Each stored checkpoint must extend the one before it, and each saved one must be extended by the
  // current tree. The recomputed roots above already imply this; checking real RFC 9162 consistency
  // proofs built from the stored nodes also shows those nodes can serve any client that asks.
  const pairs: { from: VerifiedCheckpoint; to: { size: number; root: Buffer }; what: string }[] = [];
  const chain = signedStored.filter((c) => c.size > 0 && c.size <= size);
  chain.forEach((c, i) => {
    const next = chain[i + 1];
    if (next) pairs.push({ from: c, to: next, what: `the next stored checkpoint (size ${next.size})` });
  });
  for (const cp of saved) {
    if (cp.size > 0 && cp.size <= size)
      pairs.push({ from: cp, to: { size, root }, what: 'the current tree' });
  }
  const proofs = await consistencyProofs(
    r,
    pairs.map((p) => [p.from.size, p.to.size] as const),
  );
  pairs.forEach((p, i) => {
    const proof = proofs[i]!;
    try {
      if (proof instanceof CaregateError) throw proof;
      verifyConsistency(p.from.size, p.to.size, p.from.root, p.to.root, proof);
    } catch (err) {
      if (!(err instanceof ProofError) && !(err instanceof CaregateError)) throw err;
      problem({
        area: 'checkpoint',
        size: p.from.size,
        message: `no valid consistency proof to ${p.what}: ${err.message}`,
      });
    }
  });

  // A checkpoint of size s sits just after entry s - 1.
  const order = (p: VerifyProblem) => p.index ?? (p.size !== undefined ? p.size - 0.5 : Infinity);
  problems.sort((a, b) => order(a) - order(b));
  return {
    ok: problems.length === 0 && more === 0,
    origin,
    size,
    root: root.toString('base64'),
    checkpoints: stored.length,
    savedCheckpoints: saved.length,
    signers: [...signers],
    problems,
    moreProblems: more,
  };
}
