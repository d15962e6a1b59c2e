// The page cache: per data version (a new version empties it), least recently used pages
// leave first when the byte budget is exceeded, and a page is kept as bytes and gzip.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createPageCache } from '../server/cache.ts';

describe('page cache', () => {
  it('keeps pages per data version and forgets them all when the version changes', () => {
    const cache = createPageCache();
    cache.set('v1', 'id|/', '<p>satu</p>');
    expect(cache.get('v1', 'id|/')!.body.toString()).toBe('<p>satu</p>');
    expect(zlib.gunzipSync(cache.get('v1', 'id|/')!.gzip).toString()).toBe('<p>satu</p>');
    expect(cache.get('v2', 'id|/')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops the least recently used pages beyond its byte budget', () => {
    const page = 'x'.repeat(1000);
    const one = createPageCache().set('v', 'a', page);
    const budget = (one.body.length + one.gzip.length) * 2;
    const cache = createPageCache(budget);
    cache.set('v', 'a', page);
    cache.set('v', 'b', page);
    cache.get('v', 'a');
    cache.set('v', 'c', page);
    expect(cache.get('v', 'b')).toBeUndefined();
    expect(cache.get('v', 'a')).toBeDefined();
    expect(cache.get('v', 'c')).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(budget);
  });
});
