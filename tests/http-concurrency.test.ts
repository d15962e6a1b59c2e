// The server under concurrent clients (issue 20, server points 0, 13, 14; issue 14, full
// downloads): parallel downloads are whole and identical to a serial one in every format;
// a stream that fails midway is an aborted transfer and a log line, not a short file;
// hostile paging and sorting parameters are 400s; other methods on GET routes are 405;
// identical concurrent misses render once (pages and API); full downloads are built once
// per data version, served as files, and rebuilt after a publish.
import fs from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS } from '../core/datasets.ts';
import { silentLogger } from '../core/log.ts';
import { createApp } from '../server/app.ts';
import { createPageCache, type PageCache } from '../server/cache.ts';
import { startServer } from '../server/serve.ts';
import { createWarehouseReader, type Lease, type WarehouseReader } from '../server/warehouse.ts';
import { createSandbox, runSample, type Sandbox } from './helpers/pipeline.ts';

let sandbox: Sandbox;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  sandbox = createSandbox();
  expect((await runSample(sandbox)).status).toBe('succeeded');
  server = await startServer({ db: sandbox.db, port: 0, minCell: 5, apiRateLimit: 100_000 }, silentLogger());
}, 240_000);
afterAll(async () => { await server?.close(); sandbox?.cleanup(); });

const get = (p: string, init: RequestInit = {}) => fetch(`${server.url}${p}`, init);
const bytes = async (p: string) => {
  const res = await get(p);
  expect(res.status, p).toBe(200);
  return Buffer.from(await res.arrayBuffer());
};

/** What a reader finds in a download: rows as JSON text, so two downloads compare by content. */
async function content(format: string, body: Buffer): Promise<string> {
  if (format === 'xlsx') {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    const rows: unknown[] = [];
    book.worksheets[0].eachRow((row) => rows.push(row.values));
    return JSON.stringify(rows);
  }
  if (format === 'arrow') return JSON.stringify(tableFromIPC(body).toArray().map((r) => r.toJSON()), (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
  return body.toString('base64');
}

const rowCount = async (format: string, body: Buffer) => {
  if (format === 'csv') return body.toString().trim().split('\n').length - 1;
  if (format === 'json') return (JSON.parse(body.toString()) as unknown[]).length;
  if (format === 'arrow') return tableFromIPC(body).numRows;
  return JSON.parse(await content(format, body)).length - 1;
};

describe('parallel downloads', () => {
  // The request: one month, the regencies of one province (skill-gaps); the
  // labour market over a year streams month after month (one query per month).
  const cases = [
    ['skill-gaps', 'period=2025-06&parent=35'],
    ['labour-market-monthly', 'from=2025-01&to=2025-12'],
  ] as const;
  for (const [dataset, query] of cases) {
    it.each(['csv', 'json', 'xlsx', 'arrow', 'parquet'])(`${dataset}?${query} in %s: 20 at once are all the serial download`, async (format) => {
      const url = `/data/${dataset}.${format}?${query}`;
      const serial = await bytes(url);
      const expected = await content(format, serial);
      if (format !== 'parquet') expect(await rowCount(format, serial)).toBeGreaterThan(10);
      const parallel = await Promise.all(Array.from({ length: 20 }, () => bytes(url)));
      const contents = await Promise.all(parallel.map((body) => content(format, body)));
      expect(contents.filter((c) => c === expected).length).toBe(20);
    }, 120_000);
  }

  it('gzipped CSV and the API stay whole while downloads run', async () => {
    const url = '/data/skill-gaps.csv?period=2025-06&parent=35';
    const serial = (await bytes(url)).toString();
    const api = await (await get('/api/v1/skill-gaps?period=2025-06&parent=35&limit=1000')).json() as { total: number };
    expect(serial.trim().split('\n').length - 1).toBe(api.total);
    const [csvs, apis] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, async () => (await get(url, { headers: { 'accept-encoding': 'gzip' } })).text())),
      Promise.all(Array.from({ length: 10 }, async () => (await (await get('/api/v1/skill-gaps?period=2025-06&parent=35&limit=1000')).json() as { total: number; rows: unknown[] }))),
    ]);
    expect(csvs.every((c) => c === serial)).toBe(true);
    expect(apis.every((a) => a.rows.length === Math.min(1000, api.total))).toBe(true);
  }, 120_000);
});

/**
 * A reader whose connections fail on their second query stream (a disk error midway through
 * an export streamed part after part: Excel, Arrow) and on every COPY (CSV and JSON, which
 * DuckDB writes whole into a file before a byte is sent).
 */
function failingSecondStream(real: WarehouseReader): WarehouseReader {
  const broken = (lease: Lease): Lease => {
    let streams = 0;
    const connection = new Proxy(lease.connection, {
      get(target, prop) {
        if (prop === 'stream') return async (...args: Parameters<DuckDBConnection['stream']>) => {
          if (++streams === 2) throw new Error('IO Error: could not read block (simulated)');
          return target.stream(...args);
        };
        if (prop === 'run') return async (...args: Parameters<DuckDBConnection['run']>) => {
          if (/^COPY\b/.test(args[0])) throw new Error('IO Error: could not write file (simulated)');
          return target.run(...args);
        };
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return { ...lease, connection, release: lease.release };
  };
  return { ...real, lease: async () => broken(await real.lease()), stats: real.stats };
}

describe('a download that fails', () => {
  it('midway is aborted (the client sees a broken transfer, not a short file) and logged; before its first byte it is a 500', async () => {
    const lines: { msg: string; level: number }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)); } });
    const reader = createWarehouseReader(sandbox.db, silentLogger());
    const app = createApp({ warehouse: failingSecondStream(reader), minCell: 5, logger });
    const s = await new Promise<import('node:http').Server>((resolve) => { const x = app.listen(0, () => resolve(x)); });
    try {
      const base = `http://localhost:${(s.address() as { port: number }).port}`;
      // Twelve months, one stream each: the second one fails after the first month is out
      // (Arrow too: its writer is closed, so no rejection of apache-arrow's is left unhandled).
      for (const format of ['xlsx', 'arrow']) {
        const res = await fetch(`${base}/data/labour-market-monthly.${format}?from=2025-01&to=2025-12`);
        expect(res.status, format).toBe(200);
        await expect(res.arrayBuffer(), format).rejects.toThrow();
      }
      expect(lines.filter((l) => l.msg.includes('download failed midway')).length).toBe(2);
      for (const format of ['csv', 'json']) {
        // DuckDB writes the whole file first: its failure is an error response, not a short file.
        const res = await fetch(`${base}/data/labour-market-monthly.${format}?from=2025-01&to=2025-12`);
        expect(res.status, format).toBe(500);
        expect(res.headers.get('content-disposition'), format).toBeNull();
      }
      expect(lines.filter((l) => l.msg === 'request failed').length).toBe(2);
    } finally {
      await new Promise((resolve) => s.close(resolve));
      await reader.close();
    }
  }, 60_000);
});

describe('a client that leaves midway', () => {
  it('gives its connection back (nothing waits for a drain that never comes)', async () => {
    const reader = createWarehouseReader(sandbox.db, silentLogger());
    const app = createApp({ warehouse: reader, minCell: 5, logger: silentLogger() });
    const s = await new Promise<import('node:http').Server>((resolve) => { const x = app.listen(0, () => resolve(x)); });
    try {
      const base = `http://localhost:${(s.address() as { port: number }).port}`;
      for (const format of ['csv', 'xlsx', 'json']) {
        const controller = new AbortController();
        const res = await fetch(`${base}/data/skill-gaps.${format}?from=2024-01&to=2025-12`, { signal: controller.signal });
        expect(res.status).toBe(200);
        controller.abort();
      }
      // CSV and JSON send nothing until DuckDB has written the file: a client leaving before
      // the first byte interrupts that COPY.
      for (const format of ['csv', 'json']) {
        const controller = new AbortController();
        const res = fetch(`${base}/data/skill-gaps.${format}?from=2024-01&to=2025-12`, { signal: controller.signal });
        for (let i = 0; i < 100 && reader.stats.busy === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
        controller.abort();
        await expect(res).rejects.toThrow();
      }
      for (let i = 0; i < 50 && reader.stats.busy > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(reader.stats.busy).toBe(0);
      // And the server still answers downloads in full.
      expect((await fetch(`${base}/data/skill-gaps.csv?period=2025-06&parent=35`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => s.close(resolve));
      await reader.close();
    }
  }, 60_000);
});

describe('hostile paging and sorting', () => {
  const hugeCursor = Buffer.from('o:100000000000000000000000').toString('base64url');
  it.each(DATASETS.map((d) => [d.name]))('%s: a cursor with a huge offset is a 400 naming the cursor', async (name) => {
    const res = await get(`/api/v1/${name}?cursor=${hugeCursor}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { status: 400, parameter: 'cursor' } });
  });

  it('a sort list longer than the dataset, with an unknown or a repeated column, is a 400 before anything is sent', async () => {
    // 2,000 names fit in Node's 16 kB of request head only when short ("period").
    const long = Array.from({ length: 2000 }, () => 'period').join(',');
    for (const url of [`/data/skill-gaps.csv?period=2025-06&sort=${long}`, `/api/v1/skill-gaps?period=2025-06&sort=${long}`]) {
      const res = await get(url);
      expect(res.status, url).toBe(400);
      expect(await res.text()).toContain('sort lists 2000 columns');
    }
    const twice = await get('/data/skill-gaps.csv?period=2025-06&sort=demand,-demand');
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('sort lists "demand" twice');
    const unknown = await get('/api/v1/skill-gaps?period=2025-06&sort=nope');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { parameter: string } }).error.parameter).toBe('sort');
    // A valid sort still works.
    expect((await get('/data/skill-gaps.csv?period=2025-06&sort=-demand,skill_id&limit=5')).status).toBe(200);
  });
});

describe('methods', () => {
  it.each(['/gaps', '/data', '/data/skill-gaps.csv', '/api/v1/skill-gaps', '/data/sinergi-datasets.zip'])('POST %s is a 405 with Allow: GET, HEAD', async (p) => {
    const res = await get(p, { method: 'POST', headers: { accept: 'application/json' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
  it('a path no route has is still a 404 for any method', async () => {
    expect((await get('/nowhere', { method: 'POST' })).status).toBe(404);
    expect((await get('/nowhere')).status).toBe(404);
  });
});

/** A page cache that counts the renders it runs (the real cache underneath). */
function countingCache(): { cache: PageCache; renders: Map<string, number> } {
  const real = createPageCache();
  const renders = new Map<string, number>();
  const cache: PageCache = {
    ...real,
    get: real.get, set: real.set,
    getOrRender: (v, key, render) => real.getOrRender(v, key, () => { renders.set(key, (renders.get(key) ?? 0) + 1); return render(); }),
    get size() { return real.size; }, get bytes() { return real.bytes; }, get rendering() { return real.rendering; },
  };
  return { cache, renders };
}

describe('one render per key at a time', () => {
  it('30 concurrent requests for an uncached page or API query render each once, and all get the same body', async () => {
    const { cache, renders } = countingCache();
    const reader = createWarehouseReader(sandbox.db, silentLogger());
    const app = createApp({ warehouse: reader, minCell: 5, logger: silentLogger(), cache, requestsPerMinute: 100_000 });
    const s = await new Promise<import('node:http').Server>((resolve) => { const x = app.listen(0, () => resolve(x)); });
    try {
      const base = `http://localhost:${(s.address() as { port: number }).port}`;
      for (const p of ['/gaps?region=35', '/api/v1/skill-gaps?period=2025-06&region=35&limit=50']) {
        const bodies = await Promise.all(Array.from({ length: 30 }, async () => { const res = await fetch(`${base}${p}`); expect(res.status).toBe(200); return res.text(); }));
        expect(new Set(bodies).size).toBe(1);
      }
      expect([...renders.entries()]).toEqual([['id|/gaps|region=35', 1], ['api|/api/v1/skill-gaps|limit=50&period=2025-06&region=35', 1]]);
      // The same API query with its parameters in another order is the same entry.
      await fetch(`${base}/api/v1/skill-gaps?limit=50&region=35&period=2025-06`);
      expect(renders.size).toBe(2);
      expect(reader.stats.busy).toBe(0);
    } finally {
      await new Promise((resolve) => s.close(resolve));
      await reader.close();
    }
  }, 60_000);
});

describe('full downloads as files', () => {
  const folder = () => path.join(path.dirname(sandbox.db), 'downloads');
  const files = () => (fs.existsSync(folder()) ? fs.readdirSync(folder()).flatMap((v) => fs.readdirSync(path.join(folder(), v)).map((f) => `${v}/${f}`)) : []);

  it('builds skill-gaps.csv once per data version, serves the same bytes from the file, and rebuilds after a publish', async () => {
    const first = await get('/data/skill-gaps.csv');
    expect(first.status).toBe(200);
    const body = Buffer.from(await first.arrayBuffer());
    const etag = first.headers.get('etag')!;
    const built = files().filter((f) => f.endsWith('/skill-gaps.csv'));
    expect(built.length).toBe(1);
    const file = path.join(folder(), built[0]);
    expect(fs.readFileSync(file).equals(body)).toBe(true);
    const mtime = fs.statSync(file).mtimeMs;
    // Second time: the same file, not built again; its length is known up front.
    const second = await get('/data/skill-gaps.csv', { headers: { 'accept-encoding': 'identity' } });
    expect(second.headers.get('content-encoding')).toBeNull();
    expect(second.headers.get('content-length')).toBe(String(body.length));
    expect(Buffer.from(await second.arrayBuffer()).equals(body)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    // Gzip from the gzipped copy; 304 for a current copy.
    const gz = await get('/data/skill-gaps.csv', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(Buffer.from(await gz.arrayBuffer()).equals(body)).toBe(true);
    expect((await get('/data/skill-gaps.csv', { headers: { 'if-none-match': etag } })).status).toBe(304);
    // The same rows as the streamed months put together (the API's total).
    const total = ((await (await get('/api/v1/skill-gaps?limit=1')).json()) as { total: number }).total;
    expect(body.toString().trim().split('\n').length - 1).toBe(total);
    // /data shows the size of what has been built.
    const catalogue = await (await get('/data?lang=en')).text();
    expect(catalogue).toMatch(/skill-gaps\.csv">CSV<\/a> <small class="size">\([\d.,]+ (kB|MB)\)<\/small>/);

    // A publish (the warehouse file replaced): a new version, the old files go, the next request builds anew.
    const copy = `${sandbox.db}.copy`;
    fs.copyFileSync(sandbox.db, copy);
    fs.renameSync(copy, sandbox.db);
    const after = await get('/data/skill-gaps.csv');
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(Buffer.from(await after.arrayBuffer()).equals(body)).toBe(true);
    const rebuilt = files().filter((f) => f.endsWith('/skill-gaps.csv'));
    expect(rebuilt.length).toBe(1);
    expect(rebuilt[0]).not.toBe(built[0]);
  }, 120_000);

  it('the bundle is built once, and concurrent first requests wait for that one build', async () => {
    const bodies = await Promise.all(Array.from({ length: 5 }, async () => Buffer.from(await (await get('/data/sinergi-datasets.zip')).arrayBuffer())));
    expect(bodies.every((b) => b.equals(bodies[0]) && b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))).toBe(true);
    expect(files().filter((f) => f.endsWith('/sinergi-datasets.zip')).length).toBe(1);
    expect(files().some((f) => f.endsWith('.building'))).toBe(false);
  }, 120_000);
});

describe('warming after publish', () => {
  it('renders the main pages in both languages and builds the full CSVs and bundle in the background', async () => {
    const warm = await startServer({ db: sandbox.db, port: 0, minCell: 5 }, silentLogger(), undefined, { warm: true, watchMs: 100 });
    try {
      await warm.warmed();  // the warm-up of the file opened at start (no sleep: it waits for that round)
      expect(warm.cache.size).toBeGreaterThanOrEqual(18);
      const version = fs.readdirSync(path.join(path.dirname(sandbox.db), 'downloads'));
      expect(version.length).toBe(1);
      const built = fs.readdirSync(path.join(path.dirname(sandbox.db), 'downloads', version[0]));
      for (const d of DATASETS) expect(built).toContain(`${d.name}.csv`);
      expect(built).toContain('sinergi-datasets.zip');
    } finally {
      await warm.close();
    }
  }, 180_000);
});

describe('cached answers under load (issue 20, server point 14)', () => {
  it('a cached page or API answer goes out with the route\'s headers and bytes, while every connection is taken', async () => {
    const reader = createWarehouseReader(sandbox.db, silentLogger(), '1GB', 1);
    const app = createApp({ warehouse: reader, minCell: 5, logger: silentLogger(), requestsPerMinute: 100_000 });
    const s = await new Promise<import('node:http').Server>((resolve) => { const x = app.listen(0, () => resolve(x)); });
    try {
      const base = `http://localhost:${(s.address() as { port: number }).port}`;
      const gz = { 'accept-encoding': 'gzip' };
      // (The cookie's expiry date moves with the clock.)
      const headersOf = (res: Response) => Object.fromEntries(['content-type', 'content-encoding', 'content-language', 'etag', 'vary', 'cache-control', 'set-cookie', 'last-modified', 'access-control-allow-origin'].map((h) => [h, res.headers.get(h)?.replace(/Expires=[^;]*/, 'Expires=…') ?? null]));
      const urls = ['/gaps?region=35&lang=en', '/api/v1/skill-gaps?period=2025-06&region=35&limit=20'];
      const first = await Promise.all(urls.map(async (u) => { const res = await fetch(`${base}${u}`, { headers: gz }); return { headers: headersOf(res), body: await res.text() }; }));
      // The only connection is held (a long download): cached answers do not wait for it.
      const held = await reader.lease();
      try {
        for (const [i, u] of urls.entries()) {
          const started = performance.now();
          const res = await fetch(`${base}${u}`, { headers: gz });
          expect(res.status, u).toBe(200);
          expect(headersOf(res), u).toEqual(first[i].headers);
          expect(await res.text(), u).toBe(first[i].body);
          expect(performance.now() - started, u).toBeLessThan(2000);
          // And revalidation is a 304 from the cache too.
          expect((await fetch(`${base}${u}`, { headers: { 'if-none-match': first[i].headers.etag! } })).status, u).toBe(304);
        }
        expect(first[0].headers['set-cookie']).toMatch(/sinergi_lang=en/);
        expect(reader.stats.waiting).toBe(0);
        // The same parameter given twice is still the route's 400, never a cached answer.
        expect((await fetch(`${base}/api/v1/skill-gaps?period=2025-06&region=35&region=35&limit=20`)).status).toBe(400);
      } finally { held.release(); }
    } finally {
      await new Promise((resolve) => s.close(resolve));
      await reader.close();
    }
  }, 60_000);

  it('requests beyond the connection queue get a 503 with Retry-After instead of waiting without end', async () => {
    const reader = createWarehouseReader(sandbox.db, silentLogger(), '1GB', 1, { maxWaiting: 2, maxWaitMs: 60_000 });
    const app = createApp({ warehouse: reader, minCell: 5, logger: silentLogger(), requestsPerMinute: 100_000 });
    const s = await new Promise<import('node:http').Server>((resolve) => { const x = app.listen(0, () => resolve(x)); });
    try {
      const base = `http://localhost:${(s.address() as { port: number }).port}`;
      const held = await reader.lease();
      // Four different uncached pages: two wait in line, the other two are told to come back.
      const pending = ['/gaps?region=31', '/gaps?region=32', '/gaps?region=33', '/gaps?region=34'].map((u) => fetch(`${base}${u}&lang=en`, { headers: { accept: 'text/html' } }));
      for (let i = 0; i < 100 && reader.stats.waiting < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(reader.stats.waiting).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      held.release();
      const answers = await Promise.all(pending.map(async (p) => { const res = await p; return { status: res.status, retry: res.headers.get('retry-after'), text: await res.text() }; }));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 503, 503]);
      const busy = answers.filter((a) => a.status === 503);
      expect(busy.every((a) => a.retry === '5' && a.text.includes('Server busy') && a.text.includes('try again in 5 seconds'))).toBe(true);
      // An API client gets the same as JSON, in Indonesian on an Indonesian page.
      const again = await reader.lease();
      const waiters = ['/api/v1/skill-gaps?period=2025-05&limit=3', '/api/v1/skill-gaps?period=2025-04&limit=3', '/api/v1/skill-gaps?period=2025-03&limit=3'].map((u) => fetch(`${base}${u}`));
      const page = fetch(`${base}/gaps?region=36`);
      for (let i = 0; i < 100 && reader.stats.waiting < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 200));
      again.release();
      const api = await Promise.all(waiters.map(async (p) => { const res = await p; return { status: res.status, body: await res.text() }; }));
      const refused = api.find((a) => a.status === 503);
      expect(JSON.parse(refused!.body)).toMatchObject({ error: { status: 503, message: expect.stringMatching(/^the server is busy \(.*\); try again in 5 seconds$/) } });
      const indonesian = await page;
      if (indonesian.status === 503) expect(await indonesian.text()).toContain('server sedang sibuk; coba lagi dalam 5 detik');
      expect(reader.stats.busy).toBe(0);
    } finally {
      await new Promise((resolve) => s.close(resolve));
      await reader.close();
    }
  }, 60_000);

  it('a request that waits longer than the limit for a connection is a 503, and leaves the queue', async () => {
    const reader = createWarehouseReader(sandbox.db, silentLogger(), '1GB', 1, { maxWaiting: 10, maxWaitMs: 300 });
    const held = await reader.lease();
    try {
      await expect(reader.lease()).rejects.toMatchObject({ status: 503, headers: { 'Retry-After': '5' } });
      expect(reader.stats.waiting).toBe(0);
    } finally { held.release(); await reader.close(); }
  });
});
