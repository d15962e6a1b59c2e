// A rendered page as a response: its cache key and ETag (data version, language, URL), the
// headers every page sends, a 304 when the client has it, gzip when accepted, and the
// answer straight from the cache before any router runs.
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { CachedPage, PageCache } from '../cache.ts';
import { resolveLang, type Lang } from '../i18n.ts';
import type { WarehouseReader } from '../warehouse.ts';

/**
 * A page already in the cache, answered at once (true) — no connection, no await, the same
 * headers and bytes as the route would send; false when it is not cached (or the query is
 * not one the route could have cached, e.g. a parameter given twice). The app calls this
 * before its routers (server/app.ts), and the page routes call it first too.
 */
export function sendCachedPage(deps: { warehouse: WarehouseReader; cache: PageCache }, req: Request, res: Response): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const now = deps.warehouse.current();
  if (!now) return false;
  const query = req.query as Record<string, unknown>;
  for (const k in query) if (typeof query[k] !== 'string') return false;
  const lang = langOf(req, query);
  const key = pageKey(lang, req.path, query);
  const hit = deps.cache.get(now.version, key);
  if (!hit) return false;
  resolveLang(req, res);
  hit.etag ??= pageEtag(now.version, key);
  setPageHeaders(res, lang, hit.etag);
  if (req.headers['if-none-match'] === hit.etag) { res.status(304).end(); return true; }
  sendPage(req, res, hit);
  return true;
}

/** resolveLang without setting the cookie. */
function langOf(req: Request, query: Record<string, unknown>): Lang {
  if (query.lang === 'id' || query.lang === 'en') return query.lang;
  return /(?:^|;\s*)sinergi_lang=(id|en)\b/.exec(req.headers.cookie ?? '')?.[1] === 'en' ? 'en' : 'id';
}

export const pageKey = (lang: Lang, path: string, query: Record<string, unknown>) => `${lang}|${path}|${canonicalQuery(query)}`;
export const pageEtag = (version: string, key: string) => `"${version}-${createHash('sha1').update(key).digest('base64url').slice(0, 16)}"`;

export function sendPage(req: Request, res: Response, page: CachedPage): void {
  res.type('html');
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.set('Content-Encoding', 'gzip');
    res.end(page.gzip);
  } else {
    res.end(page.body);
  }
}

/** The query string without the language, sorted: one cache entry per meaning. */
function canonicalQuery(query: Record<string, unknown>): string {
  return Object.entries(query).filter(([k]) => k !== 'lang').map(([k, v]) => `${k}=${String(v)}`).sort().join('&');
}

export function setPageHeaders(res: Response, lang: Lang, etag: string): void {
  res.set({ 'Content-Language': lang, ETag: etag, 'Cache-Control': 'no-cache', Vary: 'Cookie, Accept-Encoding' });
}
