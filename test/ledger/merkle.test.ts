/**
 * The stored-node proof machinery against a direct transcription of RFC 9162 2.1.1, 2.1.3.1 and
 * 2.1.4.1 (recursive MTH, PATH and PROOF over the leaves), for many tree shapes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  appendToFrontier,
  assembleRanges,
  completedCount,
  consistencyRanges,
  frontierIds,
  inclusionRanges,
  leafHash,
  nodeHash,
  nodeHome,
  nodeKey,
  rootFromFrontier,
  rootFromInclusionProof,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
  type NodeId,
} from '../../src/ledger/merkle.js';
import { flipByte } from './helpers.js';

function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leafHash(leaves[0]!);
  const k = splitPoint(leaves.length);
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

function path(m: number, leaves: Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = splitPoint(leaves.length);
  return m < k
    ? [...path(m, leaves.slice(0, k)), mth(leaves.slice(k))]
    : [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
}

function subproof(m: number, leaves: Buffer[], complete: boolean): Buffer[] {
  const n = leaves.length;
  if (m === n) return complete ? [] : [mth(leaves)];
  const k = splitPoint(n);
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), complete), mth(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), mth(leaves.slice(0, k))];
}

function build(n: number) {
  const leaves = Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i}`));
  const nodes = new Map<string, Buffer>();
  let frontier: Buffer[] = [];
  leaves.forEach((d, i) => {
    const lh = leafHash(d);
    nodes.set(nodeKey({ level: 0, index: i }), lh);
    const r = appendToFrontier(frontier, i, lh);
    expect(r.completed).toHaveLength(completedCount(i));
    r.completed.forEach((h, k) => {
      const id = { level: k + 1, index: (i + 1) / 2 ** (k + 1) - 1 };
      expect(nodeHome(id)).toEqual({ entry: i, slot: k + 1 });
      nodes.set(nodeKey(id), h);
    });
    frontier = r.frontier;
  });
  const lookup = (id: NodeId) => nodes.get(nodeKey(id))!;
  return { leaves, frontier, lookup };
}

const cache = new Map<number, ReturnType<typeof build>>();
const tree = (n: number) => {
  if (!cache.has(n)) cache.set(n, build(n));
  return cache.get(n)!;
};

describe('merkle tree from stored subtrees', () => {
  it('frontier roots equal MTH for every size up to 130', () => {
    for (let n = 0; n <= 130; n++) {
      const t = tree(n);
      expect(t.frontier).toHaveLength(frontierIds(n).length);
      expect(rootFromFrontier(t.frontier)).toEqual(mth(t.leaves));
    }
  });

  it('inclusion proofs equal RFC PATH and verify; any change breaks them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), (n, a, b) => {
        const t = tree(n);
        const m = a % n;
        const proof = assembleRanges(inclusionRanges(m, n), t.lookup);
        expect(proof).toEqual(path(m, t.leaves));
        const root = mth(t.leaves);
        const lh = leafHash(t.leaves[m]!);
        verifyInclusion(m, n, lh, proof, root);
        if (proof.length > 0) {
          const bad = proof.map((p, i) => (i === b % proof.length ? flipByte(p, b % 32, 1 + (b % 255)) : p));
          expect(() => verifyInclusion(m, n, lh, bad, root)).toThrow();
          expect(() => verifyInclusion(m, n, lh, proof.slice(1), root)).toThrow();
        }
        if (n > 1) expect(() => verifyInclusion((m + 1) % n, n, lh, proof, root)).toThrow();
      }),
      { numRuns: 250 },
    );
  });

  it('consistency proofs equal RFC PROOF and verify; wrong roots fail', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), (n, a) => {
        const t = tree(n);
        const m = 1 + (a % n);
        const proof = assembleRanges(consistencyRanges(m, n), t.lookup);
        expect(proof).toEqual(m === n ? [] : subproof(m, t.leaves, true));
        const r1 = mth(t.leaves.slice(0, m));
        const r2 = mth(t.leaves);
        verifyConsistency(m, n, r1, r2, proof);
        if (m < n) {
          expect(() => verifyConsistency(m, n, r2, r2, proof)).toThrow();
          const other = mth([...t.leaves.slice(0, m - 1), Buffer.from('forged'), ...t.leaves.slice(m)]);
          expect(() => verifyConsistency(m, n, r1, other, proof)).toThrow();
        }
      }),
      { numRuns: 250 },
    );
  });

  it('index arithmetic stays exact beyond 32 bits', () => {
    const big = 2 ** 40 + 5;
    expect(frontierIds(big)).toEqual([
      { level: 40, index: 0 },
      { level: 2, index: 2 ** 38 },
      { level: 0, index: 2 ** 40 + 4 },
    ]);
    expect(inclusionRanges(2 ** 40 + 4, big)).toEqual([
      [2 ** 40, 2 ** 40 + 4],
      [0, 2 ** 40],
    ]);
    expect(completedCount(2 ** 35 - 1)).toBe(35);
    expect(nodeHome({ level: 33, index: 3 })).toEqual({ entry: 4 * 2 ** 33 - 1, slot: 33 });
    expect(nodeHome({ level: 0, index: 7 })).toEqual({ entry: 7, slot: 0 });
    expect(() => frontierIds(2 ** 53)).toThrow(RangeError);
    // Verifiers take 64-bit sizes from untrusted proofs without losing precision.
    const lh = leafHash(Buffer.from('x'));
    expect(() => rootFromInclusionProof(2n ** 64n - 1n, 2n ** 64n - 1n, lh, [])).toThrow(/not below/);
    expect(() => rootFromInclusionProof(0n, 2n ** 64n, lh, [])).toThrow(/64-bit/);
  });
});
