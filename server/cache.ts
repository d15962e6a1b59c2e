// Rendered pages kept per data version, language and URL, as bytes and gzipped bytes (so a
// cached page costs no encoding or compression). A newly published warehouse has a new
// version, and the first request that sees it empties the cache. The least recently used
// entries go first when the cache is full.
import zlib from 'node:zlib';

export interface CachedPage { body: Buffer; gzip: Buffer }

export interface PageCache {
  get(version: string, key: string): CachedPage | undefined;
  set(version: string, key: string, html: string): CachedPage;
  readonly size: number;
}

export function createPageCache(maxEntries = 2000): PageCache {
  let version = '';
  const entries = new Map<string, CachedPage>();
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
      const body = Buffer.from(html);
      const page = { body, gzip: zlib.gzipSync(body, { level: 6 }) };
      entries.set(key, page);
      return page;
    },
    get size() { return entries.size; },
  };
}
