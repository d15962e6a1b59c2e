// The dashboard pages (DESIGN §6): each URL validates its filters once (400 for a malformed
// value, 404 for an unknown code), renders its page from the published datasets, and keeps
// the HTML per data version, language and URL.
import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { DuckDBConnection } from '@duckdb/node-api';
import { notFound, badRequest } from '../../core/errors.ts';
import { checkCodes, parseFilters } from '../../core/filters.ts';
import { regionChoices, type DimensionCache, type Dimensions } from '../../core/dimensions.ts';
import type { CachedPage, PageCache } from '../cache.ts';
import { LICENCE } from '../datapackage.ts';
import { fill, format, messages, resolveLang, type Lang, type Messages } from '../i18n.ts';
import { gapsPage } from '../pages/gaps.ts';
import { matchingPage } from '../pages/matching.ts';
import { methodologyPage } from '../pages/methodology.ts';
import { occupationPage, occupationsPage } from '../pages/occupations.ts';
import { overviewPage } from '../pages/overview.ts';
import { METHODOLOGY } from '../../core/methodology.ts';
import { marksLegend } from '../pages/empty.ts';
import { createRowReader, type Headline, type PageBody, type PageDef, type PageFilters, type PageRequest } from '../pages/page.ts';
import { chartLinks } from '../charts/export.ts';
import { regionPage, regionsPage } from '../pages/regions.ts';
import { seekersPage } from '../pages/seekers.ts';
import { skillsPage } from '../pages/skills.ts';
import { skillPage } from '../pages/skill.ts';
import { trainingPage } from '../pages/training.ts';
import { apprenticeshipsPage } from '../pages/apprenticeships.ts';
import type { FilterField, LayoutContext, Renderer } from '../render.ts';
import { withQuery } from '../urls.ts';
import type { WarehouseReader } from '../warehouse.ts';

export const PAGES: PageDef[] = [overviewPage, skillsPage, skillPage, gapsPage, regionsPage, regionPage, occupationsPage, occupationPage, apprenticeshipsPage, matchingPage, trainingPage, seekersPage, methodologyPage];

const NAV = ['overview', 'skills', 'gaps', 'regions', 'occupations', 'apprenticeships', 'matching', 'training', 'seekers', 'data', 'methodology'] as const;
const NAV_PATHS: Record<(typeof NAV)[number], string> = { overview: '/', skills: '/skills', gaps: '/gaps', regions: '/regions', occupations: '/occupations', apprenticeships: '/apprenticeships', matching: '/matching', training: '/training', seekers: '/seekers', data: '/data', methodology: '/methodology' };

export interface PagesDeps { warehouse: WarehouseReader; minCell: number; renderer: Renderer; cache: PageCache; dimensions: DimensionCache }

/** The parts of the layout every page (and the error page) shares. */
export function layoutContext(lang: Lang, req: Request, current: string, title: string, minCell: number, data?: { asOf: Date; periods: string[] }): LayoutContext {
  const m = messages(lang);
  const f = format(lang);
  const other: Lang = lang === 'id' ? 'en' : 'id';
  const query = { ...(req.query as Record<string, string>), lang: other };
  return {
    lang, m, pageTitle: title,
    nav: NAV.map((key) => ({ href: NAV_PATHS[key], label: m.nav[key], current: key === current })),
    otherLang: { href: withQuery(req.path, query), label: m.common.otherLanguage, lang: other },
    asOf: data ? f.date(data.asOf) : '',
    coverage: data && data.periods.length ? fill(m.common.coverage, { from: f.month(data.periods[0]), to: f.month(data.periods.at(-1)!) }) : '',
    licence: { title: LICENCE.title, href: LICENCE.path },
    privacyNote: minCell > 1 ? fill(m.common.privacyNote, { k: minCell }) : '',
  };
}

export function pageRoutes(deps: PagesDeps): Router {
  const router = Router();
  for (const page of PAGES) {
    router.get(page.path, async (req, res) => {
      if (sendCachedPage(deps, req, res)) return;
      const lang = resolveLang(req, res);
      const { version, asOf } = await deps.warehouse.snapshot();
      const key = pageKey(lang, req.path, req.query as Record<string, unknown>);
      const etag = pageEtag(version, key);
      setPageHeaders(res, lang, etag);
      if (req.headers['if-none-match'] === etag) { res.status(304).end(); return; }
      // A connection only for a render; concurrent requests for the same page wait for one render.
      const cached = await deps.cache.getOrRender(version, key, () => deps.warehouse.withConnection((snapshot) => renderPage(page, req, lang, snapshot, asOf, deps)));
      sendPage(req, res, cached);
    });
  }
  return router;
}

/**
 * A page already in the cache, answered at once (true) — no connection, no await, the same
 * headers and bytes as the route would send; false when it is not cached (or the query is
 * not one the route could have cached, e.g. a parameter given twice). The app calls this
 * before its routers (server/app.ts), and the page routes call it first too.
 */
export function sendCachedPage(deps: Pick<PagesDeps, 'warehouse' | 'cache'>, req: Request, res: Response): boolean {
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

/** A page's body for a request, its query validated, with what its figures are of (`scope`); also what a chart export draws (server/routes/export.ts). */
export async function loadPage(page: PageDef, req: Request, lang: Lang, snapshot: { connection: DuckDBConnection; version: string }, deps: Pick<PagesDeps, 'minCell' | 'dimensions'>): Promise<{ body: PageBody; filters: PageFilters; periods: string[]; scope: string; dims: Dimensions }> {
  const m = messages(lang);
  const { connection } = snapshot;
  const dims = await deps.dimensions.get(snapshot.version, connection);
  const periods = dims.periods;
  const filters = await pageFilters(page, req, connection, dims);
  const code = req.params.code as string | undefined;
  const load = {
    lang, m, f: format(lang), filters, code, periods, connection, dims, minCell: deps.minCell,
    query: pageParams(page, req),
    rows: createRowReader(connection, deps.minCell, dims),
  };
  const body = await page.load(load);
  if (body.headlines?.length) body.headlineNotes = headlineNotes(load, body.headlines);
  const scope = page.filters.length ? scopeLine(dims, filters, page, lang) : '';
  return { body, filters, periods, scope, dims };
}

async function renderPage(page: PageDef, req: Request, lang: Lang, snapshot: { connection: DuckDBConnection; version: string }, asOf: Date, deps: PagesDeps): Promise<string> {
  const m = messages(lang);
  const { body, filters, periods, scope, dims } = await loadPage(page, req, lang, snapshot, deps);
  for (const figure of body.figures ?? []) if (figure.svg) figure.image = chartLinks(req, figure.id);
  const context = {
    scope,
    ...layoutContext(lang, req, page.nav, body.title, deps.minCell, { asOf, periods }),
    form: page.filters.length ? { action: req.path, fields: filterFields(page, filters, dims, m, lang) } : undefined,
    body,
  };
  return deps.renderer.render('dashboard', context);
}

function sendPage(req: Request, res: Response, page: CachedPage): void {
  res.type('html');
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.set('Content-Encoding', 'gzip');
    res.end(page.gzip);
  } else {
    res.end(page.body);
  }
}

/** What the figures are of, in words (region · month · sector · occupation), shown under the title and on paper. */
function scopeLine(dims: Dimensions, filters: PageFilters, page: PageDef, lang: Lang): string {
  const m = messages(lang);
  const region = dims.region.get(filters.region);
  const parts = [region?.region_level === 'national' ? m.common.national : region?.region_name ?? filters.region, format(lang).month(filters.period)];
  if (filters.sector) parts.push(`${m.common.sector}: ${filters.sector} · ${(m.sectors as Record<string, string>)[filters.sector] ?? ''}`);
  if (filters.occupation) {
    const isco = dims.isco.get(filters.occupation);
    parts.push(`${m.common.occupation}: ${filters.occupation} · ${lang === 'id' ? isco?.title_id : isco?.title_en}`);
  }
  if (filters.employment_type) parts.push(`${m.apprenticeships.employmentType}: ${(m.match.types as Record<string, string>)[filters.employment_type] ?? filters.employment_type}`);
  return page.filters.includes('region') || page.path.includes(':code') ? parts.join(' · ') : parts.slice(1).join(' · ');
}

/** The query string without the language, sorted: one cache entry per meaning. */
function canonicalQuery(query: Record<string, unknown>): string {
  return Object.entries(query).filter(([k]) => k !== 'lang').map(([k, v]) => `${k}=${String(v)}`).sort().join('&');
}

function setPageHeaders(res: Response, lang: Lang, etag: string): void {
  res.set({ 'Content-Language': lang, ETag: etag, 'Cache-Control': 'no-cache', Vary: 'Cookie, Accept-Encoding' });
}

/** Validate the page's query once: unknown parameters and malformed values are 400, unknown codes 404. */
async function pageFilters(page: PageDef, req: Request, connection: DuckDBConnection, dims: Dimensions): Promise<PageFilters> {
  const { periods } = dims;
  const query = Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter(([k, v]) => v !== '' && !page.params?.includes(k)));
  const parsed = parseFilters({ name: `page ${page.path}`, filters: page.filters }, query);
  if (page.path === '/regions/:code') parsed.region = validCode(req.params.code as string, 'region', /^(ID|\d{2}|\d{2}\.\d{2})$/);
  if (page.path === '/occupations/:code') parsed.occupation = validCode(req.params.code as string, 'occupation', /^\d{1,4}$/);
  checkCodes(parsed, dims);
  if (parsed.period && !periods.includes(parsed.period)) throw notFound(`no data for period ${parsed.period} (data covers ${periods[0]} to ${periods.at(-1)})`, 'period');
  const period = parsed.period ?? periods.at(-1);
  if (!period) throw notFound('the warehouse holds no months of data yet');
  return { period, region: parsed.region ?? 'ID', sector: parsed.sector, occupation: page.path === '/occupations/:code' ? undefined : parsed.occupation, employment_type: parsed.employment_type };
}

/** The page's own parameters (PageDef.params), each given once; empty values left out. */
function pageParams(page: PageDef, req: Request): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of page.params ?? []) {
    const value = (req.query as Record<string, unknown>)[name];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string') throw badRequest(`${name} must be given once, with a value`, name);
    params[name] = value;
  }
  return params;
}

function validCode(value: string, name: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw badRequest(`invalid ${name} code: "${value}"`, name);
  return value;
}

function filterFields(page: PageDef, filters: PageFilters, dims: Dimensions, m: Messages, lang: Lang): FilterField[] {
  const f = format(lang);
  const { periods } = dims;
  const fields: FilterField[] = [];
  const option = (value: string, label: string, selected: boolean) => ({ value, label, selected });
  for (const name of page.filters) {
    if (name === 'period') {
      fields.push({ name, label: m.common.period, options: [...periods].reverse().map((p) => option(p, f.month(p), p === filters.period)) });
    } else if (name === 'region') {
      const regions = regionChoices(dims, filters.region);
      const provinces = regions.filter((r) => r.region_level !== 'regency');
      const regencies = regions.filter((r) => r.region_level === 'regency');
      fields.push({
        name, label: m.common.region,
        options: provinces.map((r) => option(r.region_code, r.region_level === 'national' ? m.common.national : r.region_name, r.region_code === filters.region)),
        groups: regencies.length ? [{ label: fill(m.common.regenciesOf, { province: provinces.find((p) => p.region_code === filters.region.slice(0, 2))?.region_name ?? '' }), options: regencies.map((r) => option(r.region_code, r.region_name, r.region_code === filters.region)) }] : undefined,
      });
    } else if (name === 'sector') {
      const sectors = Object.entries(m.sectors);
      fields.push({ name, label: m.common.sector, options: [option('', m.common.allSectors, !filters.sector), ...sectors.map(([code, title]) => option(code, `${code} · ${title}`, code === filters.sector))] });
    } else if (name === 'occupation') {
      const groups = [...dims.isco.values()].filter((g) => g.level <= 2);
      fields.push({ name, label: m.common.occupation, options: [option('', m.common.allOccupations, !filters.occupation), ...groups.map((g) => option(g.code, `${g.code.length === 2 ? '\u2003' : ''}${g.code} · ${lang === 'id' ? g.title_id : g.title_en}`, g.code === filters.occupation))] });
    } else if (name === 'employment_type') {
      // demand from vacancies of the type, supply from every seeker (core/sql/*_filtered.sql)
      fields.push({ name, label: m.apprenticeships.employmentType, options: [option('', m.apprenticeships.allTypes, !filters.employment_type), ...Object.entries(m.match.types).map(([code, label]) => option(code, label, code === filters.employment_type))] });
    }
  }
  return fields;
}

/** Under the headlines: what a mark in them means, and how their changes are written. */
function headlineNotes(req: Pick<PageRequest, 'm' | 'minCell'>, headlines: Headline[]): string[] {
  const marks = (['withheld', 'notComputable', 'noData'] as const).filter((k) => headlines.some((h) => h.value === req.m.marks[k]));
  const changed = headlines.some((h) => h.change);
  return [...marksLegend(req, marks), ...(changed ? [fill(req.m.changes.note, { n: METHODOLOGY.smallBase })] : [])];
}
