/**
 * Inclusion and consistency proofs built from stored subtree hashes: a proof needs O(log n) stored
 * nodes, fetched in one round, and never rehashes the log.
 */
import { CaregateError } from '../core/errors.js';
import {
  assembleRanges,
  consistencyRanges,
  inclusionRanges,
  nodeKey,
  nodesForRanges,
  type NodeId,
  type Range,
} from './merkle.js';
import type { StoreReader } from './store/types.js';

async function hashRanges(
  r: Pick<StoreReader, 'nodes'>,
  ranges: readonly Range[],
  overlay?: ReadonlyMap<string, Buffer>,
): Promise<Buffer[]> {
  const ids = nodesForRanges(ranges);
  const missing: NodeId[] = overlay ? ids.filter((id) => !overlay.has(nodeKey(id))) : ids;
  const fetched = missing.length > 0 ? await r.nodes(missing) : new Map<string, Buffer>();
  return assembleRanges(ranges, (id) => {
    const key = nodeKey(id);
    const h = overlay?.get(key) ?? fetched.get(key);
    if (!h) {
      throw new CaregateError(
        'CG_LEDGER_CORRUPT',
        `stored tree node level ${id.level} index ${id.index} is missing; run \`caregate ledger verify\``,
      );
    }
    return h;
  });
}

export function inclusionProof(
  r: Pick<StoreReader, 'nodes'>,
  index: number,
  size: number,
  overlay?: ReadonlyMap<string, Buffer>,
): Promise<Buffer[]> {
  return hashRanges(r, inclusionRanges(index, size), overlay);
}

/** Proofs for many leaves of the same tree, fetching the nodes they share once. */
export async function inclusionProofs(
  r: Pick<StoreReader, 'nodes'>,
  indexes: readonly number[],
  size: number,
  overlay?: ReadonlyMap<string, Buffer>,
): Promise<Buffer[][]> {
  const all = indexes.map((i) => inclusionRanges(i, size));
  const flat = await hashRanges(r, all.flat(), overlay);
  const out: Buffer[][] = [];
  let at = 0;
  for (const ranges of all) {
    out.push(flat.slice(at, at + ranges.length));
    at += ranges.length;
  }
  return out;
}

export function consistencyProof(
  r: Pick<StoreReader, 'nodes'>,
  size1: number,
  size2: number,
): Promise<Buffer[]> {
  return hashRanges(r, consistencyRanges(size1, size2));
}

/**
 * Consistency proofs for many pairs of tree sizes with one node fetch. A pair whose nodes are
 * missing gets its error instead of a proof, so one damaged row does not hide the other results.
 */
export async function consistencyProofs(
  r: Pick<StoreReader, 'nodes'>,
  pairs: readonly (readonly [number, number])[],
): Promise<(Buffer[] | CaregateError)[]> {
  const all = pairs.map(([a, b]) => consistencyRanges(a, b));
  const fetched = await r.nodes(nodesForRanges(all.flat()));
  return all.map((ranges) => {
    try {
      return assembleRanges(ranges, (id) => {
        const h = fetched.get(nodeKey(id));
        if (!h)
          throw new CaregateError(
            'CG_LEDGER_CORRUPT',
            `stored tree node level ${id.level} index ${id.index} is missing`,
          );
        return h;
      });
    } catch (err) {
      if (err instanceof CaregateError) return err;
      throw err;
    }
  });
}
