/**
 * A function of a string remembered per distinct string: the keys, column names and systems of a
 * data file repeat in every record. Bounded, so that a file of ever-new keys cannot grow it
 * without end: past `limit` entries it starts again.
 */
export function memoByString<V>(compute: (key: string) => V, limit = 10_000): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    const v = compute(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, v);
    return v;
  };
}
