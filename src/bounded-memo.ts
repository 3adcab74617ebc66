/**
 * A memo that forgets everything once it holds `max` entries: a crawl's repeated inputs (the
 * same navigation links on every page) still hit, and a hostile site cannot make it grow
 * without bound. Values may be null or undefined; only the key decides a hit.
 */
export function boundedMemo<V>(max: number): (key: string, compute: () => V) => V {
  const entries = new Map<string, V>();
  return (key, compute) => {
    const known = entries.get(key);
    if (known !== undefined || entries.has(key)) return known as V;
    const value = compute();
    if (entries.size >= max) entries.clear();
    entries.set(key, value);
    return value;
  };
}
