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

  it('renders concurrent misses of one key once, and keeps the result', async () => {
    const cache = createPageCache();
    let renders = 0;
    let finish!: (html: string) => void;
    const render = () => { renders++; return new Promise<string>((resolve) => { finish = resolve; }); };
    const waiting = Array.from({ length: 10 }, () => cache.getOrRender('v', 'id|/gaps', render));
    expect(cache.rendering).toBe(1);
    finish('<p>gaps</p>');
    const pages = await Promise.all(waiting);
    expect(renders).toBe(1);
    expect(pages.every((p) => p === pages[0] && p.body.toString() === '<p>gaps</p>')).toBe(true);
    expect(cache.rendering).toBe(0);
    await cache.getOrRender('v', 'id|/gaps', render);
    expect(renders).toBe(1);
    // Another key renders on its own.
    const other = cache.getOrRender('v', 'id|/skills', render);
    finish('<p>skills</p>');
    expect((await other).body.toString()).toBe('<p>skills</p>');
    expect(renders).toBe(2);
  });

  it('does not keep a failed render: every waiter gets the error and the next request tries again', async () => {
    const cache = createPageCache();
    let renders = 0;
    const failing = () => { renders++; return Promise.reject(new Error('query failed')); };
    const results = await Promise.allSettled([cache.getOrRender('v', 'k', failing), cache.getOrRender('v', 'k', failing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(renders).toBe(1);
    expect((await cache.getOrRender('v', 'k', async () => { renders++; return 'ok'; })).body.toString()).toBe('ok');
    expect(renders).toBe(2);
  });

  it('does not keep a render of an old version that finishes after a new version arrived', async () => {
    const cache = createPageCache();
    let finish!: (html: string) => void;
    const old = cache.getOrRender('v1', 'k', () => new Promise<string>((resolve) => { finish = resolve; }));
    cache.set('v2', 'other', 'new');
    finish('stale');
    expect((await old).body.toString()).toBe('stale');
    expect(cache.get('v2', 'k')).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});
