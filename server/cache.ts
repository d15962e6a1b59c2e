// Rendered pages kept per data version, language and URL, as bytes and gzipped bytes (so a
// cached page costs no encoding or compression). A newly published warehouse has a new
// version, and the first request that sees it empties the cache. The least recently used
// entries go first when the cache holds more than its byte budget (pages are 50–300 kB).
// Concurrent misses of one key wait for a single render (getOrRender), so a burst of
// requests after a publish renders each page once, not once per request. API responses
// share the cache (their keys start with "api|").
import zlib from 'node:zlib';

export interface CachedPage { body: Buffer; gzip: Buffer; /** Its ETag, worked out by the first hit that needs it. */ etag?: string }

export interface PageCache {
  get(version: string, key: string): CachedPage | undefined;
  set(version: string, key: string, html: string | Buffer): CachedPage;
  /** The cached entry, or the one render of it that is running, or a new render (kept when it succeeds). */
  getOrRender(version: string, key: string, render: () => Promise<string | Buffer>): Promise<CachedPage>;
  /** Renders running now (for tests). */
  readonly rendering: number;
  readonly size: number;
  readonly bytes: number;
}

const sizeOf = (page: CachedPage) => page.body.length + page.gzip.length;

export function createPageCache(maxBytes = 128 * 1024 * 1024): PageCache {
  let version = '';
  let bytes = 0;
  const entries = new Map<string, CachedPage>();
  const pending = new Map<string, Promise<CachedPage>>();
  const sync = (v: string) => { if (v !== version) { entries.clear(); bytes = 0; version = v; } };
  const cache: PageCache = {
    get(v, key) {
      sync(v);
      const html = entries.get(key);
      if (html !== undefined) { entries.delete(key); entries.set(key, html); }
      return html;
    },
    set(v, key, html) {
      sync(v);
      const body = typeof html === 'string' ? Buffer.from(html) : html;
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
    getOrRender(v, key, render) {
      const hit = cache.get(v, key);
      if (hit) return Promise.resolve(hit);
      const id = `${v}\u0000${key}`;
      let running = pending.get(id);
      if (!running) {
        running = render().then((html) => {
          // A render that finished after a newer version arrived is not kept.
          if (v === version) return cache.set(v, key, html);
          const body = typeof html === 'string' ? Buffer.from(html) : html;
          return { body, gzip: zlib.gzipSync(body, { level: 6 }) };
        }).finally(() => pending.delete(id));
        pending.set(id, running);
      }
      return running;
    },
    get size() { return entries.size; },
    get bytes() { return bytes; },
    get rendering() { return pending.size; },
  };
  return cache;
}
