// Rendered pages kept per data version, language and URL, as bytes and gzipped bytes (so a
// cached page costs no encoding or compression). A newly published warehouse has a new
// version, and the first request that sees it empties the cache. The least recently used
// entries go first when the cache holds more than its byte budget (pages are 50–300 kB).
import zlib from 'node:zlib';

export interface CachedPage { body: Buffer; gzip: Buffer }

export interface PageCache {
  get(version: string, key: string): CachedPage | undefined;
  set(version: string, key: string, html: string): CachedPage;
  readonly size: number;
  readonly bytes: number;
}

const sizeOf = (page: CachedPage) => page.body.length + page.gzip.length;

export function createPageCache(maxBytes = 128 * 1024 * 1024): PageCache {
  let version = '';
  let bytes = 0;
  const entries = new Map<string, CachedPage>();
  const sync = (v: string) => { if (v !== version) { entries.clear(); bytes = 0; version = v; } };
  return {
    get(v, key) {
      sync(v);
      const html = entries.get(key);
      if (html !== undefined) { entries.delete(key); entries.set(key, html); }
      return html;
    },
    set(v, key, html) {
      sync(v);
      const body = Buffer.from(html);
      const page = { body, gzip: zlib.gzipSync(body, { level: 6 }) };
      const old = entries.get(key);
      if (old) { bytes -= sizeOf(old); entries.delete(key); }
      entries.set(key, page);
      bytes += sizeOf(page);
      for (const [oldest, entry] of entries) {
        if (bytes <= maxBytes || oldest === key) break;
        entries.delete(oldest);
        bytes -= sizeOf(entry);
      }
      return page;
    },
    get size() { return entries.size; },
    get bytes() { return bytes; },
  };
}
