// Rendered pages kept per data version, language and URL. A newly published warehouse has
// a new version, and the first request that sees it empties the cache. Oldest entries go
// first when the cache is full.
export interface PageCache {
  get(version: string, key: string): string | undefined;
  set(version: string, key: string, html: string): void;
  readonly size: number;
}

export function createPageCache(maxEntries = 2000): PageCache {
  let version = '';
  const entries = new Map<string, string>();
  const sync = (v: string) => { if (v !== version) { entries.clear(); version = v; } };
  return {
    get(v, key) {
      sync(v);
      const html = entries.get(key);
      if (html !== undefined) { entries.delete(key); entries.set(key, html); }
      return html;
    },
    set(v, key, html) {
      sync(v);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, html);
    },
    get size() { return entries.size; },
  };
}
