/**
 * A function of a string remembered per distinct string: the keys, column names and systems of a
 * data file repeat in every record. Bounded, so that a file of ever-new keys cannot grow it
 * without end: past `limit` entries it starts again.
 */
export function memoByString<V>(compute: (key: string) => V, limit = 10_000): (key: string) => V {
  // Values are boxed so that one lookup answers both "seen?" and "what?" (null and undefined
  // are values too).
  const cache = new Map<string, { v: V }>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit.v;
    const v = compute(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, { v });
    return v;
  };
}
