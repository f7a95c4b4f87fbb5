/**
 * Merkle tree hashing, proofs and proof verification exactly as RFC 9162 section 2.1.
 *
 * Tree indexes held by the stores are plain numbers checked to be safe integers; the index
 * arithmetic below never uses JavaScript's 32-bit bitwise operators, so it stays exact up to 2^53.
 * Verifiers take untrusted sizes from proofs (up to 2^64 - 1 in the transparency-dev vectors), so
 * they work on bigint.
 */
import { HASH_SIZE, bytesEqual, sha256 } from './bytes.js';

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = sha256(Buffer.alloc(0));

export function leafHash(leafData: Uint8Array): Buffer {
  return sha256(LEAF_PREFIX, leafData);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(NODE_PREFIX, left, right);
}

export class ProofError extends Error {
  override readonly name = 'ProofError';
}

export function checkIndex(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative safe integer`);
}

/** The k of RFC 9162: the largest power of two strictly smaller than n (n >= 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A complete subtree: leaves [index * 2^level, (index + 1) * 2^level). */
export interface NodeId {
  level: number;
  index: number;
}

/**
 * The maximal complete subtrees that make up a tree of `size` leaves, largest first (one per set
 * bit of size). Their hashes are the "frontier": all an appender needs to extend the tree.
 */
export function frontierIds(size: number): NodeId[] {
  checkIndex(size, 'tree size');
  const ids: NodeId[] = [];
  let start = 0;
  let remaining = size;
  while (remaining > 0) {
    let width = 1;
    let level = 0;
    while (width * 2 <= remaining) {
      width *= 2;
      level++;
    }
    ids.push({ level, index: start / width });
    start += width;
    remaining -= width;
  }
  return ids;
}

/** Root of a tree from its frontier: RFC 9162 splits at the largest power of two, which is a right fold. */
export function rootFromFrontier(frontier: readonly Buffer[]): Buffer {
  if (frontier.length === 0) return EMPTY_ROOT;
  let h = frontier[frontier.length - 1]!;
  for (let i = frontier.length - 2; i >= 0; i--) h = nodeHash(frontier[i]!, h);
  return h;
}

/**
 * Append one leaf to a tree of `size` leaves. Returns the new frontier and the complete subtrees
 * this leaf finished (levels 1, 2, ... in order): exactly the nodes to store for it.
 */
export function appendToFrontier(
  frontier: readonly Buffer[],
  size: number,
  leaf: Buffer,
): { frontier: Buffer[]; completed: Buffer[] } {
  const next = frontier.slice();
  const completed: Buffer[] = [];
  let h = leaf;
  let s = size;
  while (s % 2 === 1) {
    const left = next.pop();
    if (!left) throw new Error('frontier is shorter than the tree size requires');
    h = nodeHash(left, h);
    completed.push(h);
    s = (s - 1) / 2;
  }
  next.push(h);
  return { frontier: next, completed };
}

/** How many complete subtrees above the leaf the append of leaf `index` finishes (trailing one bits). */
export function completedCount(index: number): number {
  let n = 0;
  let s = index;
  while (s % 2 === 1) {
    n++;
    s = (s - 1) / 2;
  }
  return n;
}

/**
 * Where a node lives in the stores: a node of level L was finished by the append of its last leaf,
 * and sits in that entry's hash list at slot L (slot 0 being the leaf hash itself).
 */
export function nodeHome(id: NodeId): { entry: number; slot: number } {
  const width = 2 ** id.level;
  return { entry: (id.index + 1) * width - 1, slot: id.level };
}

/** A leaf range [start, end) whose hash a proof needs. */
export type Range = readonly [start: number, end: number];

/** RFC 9162 2.1.3.1 PATH(m, D[0:n]) as the ranges whose hashes form the proof, leaf side first. */
export function inclusionRanges(index: number, size: number): Range[] {
  checkIndex(index, 'leaf index');
  checkIndex(size, 'tree size');
  if (index >= size) throw new RangeError(`leaf index ${index} is not below tree size ${size}`);
  const out: Range[] = [];
  let start = 0;
  let end = size;
  let m = index;
  const stack: Range[] = [];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      stack.push([start + k, end]);
      end = start + k;
    } else {
      stack.push([start, start + k]);
      start += k;
      m -= k;
    }
  }
  // The recursion appends on the way back up, so the deepest sibling comes first.
  while (stack.length > 0) out.push(stack.pop()!);
  return out;
}

/** RFC 9162 2.1.4.1 PROOF(m, D[0:n]) as ranges, in proof order. */
export function consistencyRanges(size1: number, size2: number): Range[] {
  checkIndex(size1, 'first tree size');
  checkIndex(size2, 'second tree size');
  if (size1 > size2) throw new RangeError(`first tree size ${size1} is larger than second ${size2}`);
  if (size1 === 0 || size1 === size2) return [];
  const stack: Range[] = [];
  let start = 0;
  let end = size2;
  let m = size1;
  let complete = true;
  for (;;) {
    const n = end - start;
    if (m === n) {
      if (!complete) stack.push([start, end]);
      break;
    }
    const k = splitPoint(n);
    if (m <= k) {
      stack.push([start + k, end]);
      end = start + k;
    } else {
      stack.push([start, start + k]);
      start += k;
      m -= k;
      complete = false;
    }
  }
  return stack.reverse();
}

/** The complete subtrees that make up [start, end), largest first; their right fold is the range hash. */
export function rangeNodeIds(range: Range): NodeId[] {
  const [start, end] = range;
  const ids: NodeId[] = [];
  let pos = start;
  let lastWidth = Infinity;
  while (pos < end) {
    let width = 1;
    let level = 0;
    while (pos % (width * 2) === 0 && pos + width * 2 <= end) {
      width *= 2;
      level++;
    }
    // RFC 9162 ranges reached from the root always shrink left to right; anything else is a bug here.
    if (width >= lastWidth) throw new Error(`range [${start}, ${end}) is not a subtree of an RFC 9162 tree`);
    lastWidth = width;
    ids.push({ level, index: pos / width });
    pos += width;
  }
  return ids;
}

export function nodeKey(id: NodeId): string {
  return `${id.level}/${id.index}`;
}

/** Every stored node a set of ranges needs, once each. */
export function nodesForRanges(ranges: readonly Range[]): NodeId[] {
  const seen = new Map<string, NodeId>();
  for (const r of ranges) for (const id of rangeNodeIds(r)) seen.set(nodeKey(id), id);
  return [...seen.values()];
}

/** Hash of each range from looked-up complete subtrees. */
export function assembleRanges(ranges: readonly Range[], lookup: (id: NodeId) => Buffer): Buffer[] {
  return ranges.map((r) => {
    const ids = rangeNodeIds(r);
    return rootFromFrontier(ids.map(lookup));
  });
}

// ---------------------------------------------------------------------------------------------
// Verification (RFC 9162 2.1.3.2 and 2.1.4.2), on bigint because sizes come from untrusted input.

type Index = number | bigint;

function big(n: Index, what: string): bigint {
  const v = typeof n === 'bigint' ? n : Number.isSafeInteger(n) ? BigInt(n) : -1n;
  if (v < 0n || v >= 1n << 64n) throw new ProofError(`${what} is not an unsigned 64-bit integer`);
  return v;
}

function checkHash(h: Uint8Array, what: string): void {
  if (h.length !== HASH_SIZE) throw new ProofError(`${what} is ${h.length} bytes, not ${HASH_SIZE}`);
}

/** Recompute the root an inclusion proof implies; throws ProofError when the proof cannot be valid. */
export function rootFromInclusionProof(
  index: Index,
  size: Index,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer {
  const m = big(index, 'leaf index');
  const n = big(size, 'tree size');
  checkHash(leaf, 'leaf hash');
  proof.forEach((p, i) => checkHash(p, `proof[${i}]`));
  if (m >= n) throw new ProofError(`leaf index ${m} is not below tree size ${n}`);
  let fn = m;
  let sn = n - 1n;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0n) throw new ProofError('proof is longer than the tree is deep');
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new ProofError('proof is shorter than the tree is deep');
  return r;
}

export function verifyInclusion(
  index: Index,
  size: Index,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  checkHash(root, 'root hash');
  const got = rootFromInclusionProof(index, size, leaf, proof);
  if (!bytesEqual(got, root)) throw new ProofError('inclusion proof does not lead to the expected root');
}

export function verifyConsistency(
  size1: Index,
  size2: Index,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): void {
  const m = big(size1, 'first tree size');
  const n = big(size2, 'second tree size');
  // An empty tree is consistent with everything, so a proof from it proves nothing: reject, as
  // transparency-dev/merkle does.
  if (m === 0n) throw new ProofError('consistency from an empty tree is meaningless');
  if (m > n) throw new ProofError(`first tree size ${m} is larger than second ${n}`);
  if (m === n) {
    if (proof.length > 0) throw new ProofError('trees of equal size need an empty proof');
    if (!bytesEqual(root1, root2)) throw new ProofError('trees of equal size have different roots');
    return;
  }
  // Equal sizes only compare roots (as transparency-dev does); hashing needs real SHA-256 values.
  checkHash(root1, 'first root');
  checkHash(root2, 'second root');
  proof.forEach((p, i) => checkHash(p, `proof[${i}]`));
  if (proof.length === 0) throw new ProofError('empty consistency proof for different tree sizes');
  const path = [...proof];
  if ((m & (m - 1n)) === 0n) path.unshift(root1);
  let fn = m - 1n;
  let sn = n - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0n) throw new ProofError('consistency proof is too long');
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new ProofError('consistency proof is too short');
  if (!bytesEqual(fr, root1)) throw new ProofError('consistency proof does not lead to the first root');
  if (!bytesEqual(sr, root2)) throw new ProofError('consistency proof does not lead to the second root');
}
