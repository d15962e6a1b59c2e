// Exploring (issue 17): /search for a skill, an occupation or a region by name, and
// /compare?regions=32,35 for two to four regions side by side. Server-rendered with the
// dashboard template, cached per data version like the dashboards (server/cache.ts).
import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { badRequest, notFound } from '../../core/errors.ts';
import { checkCodes, parseFilters } from '../../core/filters.ts';
import type { Reference } from '../../core/reference.ts';
import type { DimensionCache, Dimensions } from '../../core/dimensions.ts';
import { normalizeText } from '../../core/text.ts';
import type { CachedPage, PageCache } from '../cache.ts';
import { fill, format, messages, resolveLang, type Lang } from '../i18n.ts';
import { compareBody, COMPARE_MAX, COMPARE_MIN } from '../pages/compare.ts';
import { createRowReader, type PageBody, type PageRequest } from '../pages/page.ts';
import { buildSearchIndex, MAX_QUERY, search, type SearchHit, type SearchKind } from '../pages/search.ts';
import type { FilterField, PageContext, Renderer } from '../render.ts';
import type { WarehouseReader } from '../warehouse.ts';
import { layoutContext } from './layout.ts';

export interface ExploreDeps { warehouse: WarehouseReader; minCell: number; renderer: Renderer; cache: PageCache; reference: Reference; dimensions: DimensionCache }

const REGION_CODE = /^(ID|\d{2}|\d{2}\.\d{2})$/;

export function exploreRoutes(deps: ExploreDeps): Router {
  const router = Router();
  const index = buildSearchIndex(deps.reference);

  router.get('/search', async (req, res) => {
    const lang = resolveLang(req, res);
    const q = searchQuery(req, lang);
    await sendCached(deps, req, res, lang, `q=${normalizeText(q)}`, async () => {
      const body = searchBody(lang, q, search(index, q, lang));
      const context: PageContext = { scope: '', ...layoutContext(lang, req, '', body.title, deps.minCell), searchQuery: q, body };
      return deps.renderer.render('dashboard', context);
    });
  });

  router.get('/compare', async (req, res) => {
    const lang = resolveLang(req, res);
    const query = req.query as Record<string, unknown>;
    const regions = compareRegions(query.regions, lang);
    const rest = Object.fromEntries(Object.entries(query).filter(([k, v]) => k !== 'regions' && v !== ''));
    const parsed = parseFilters({ name: 'page /compare', filters: ['period'] }, rest);
    await sendCached(deps, req, res, lang, `regions=${regions.join(',')}&period=${parsed.period ?? ''}`, () => deps.warehouse.withConnection(async ({ connection, version, asOf }) => {
      const dims = await deps.dimensions.get(version, connection);
      const { periods } = dims;
      for (const region of regions) checkCodes({ region }, dims);
      if (parsed.period && !periods.includes(parsed.period)) throw notFound(`no data for period ${parsed.period} (data covers ${periods[0]} to ${periods.at(-1)})`, 'period');
      const period = parsed.period ?? periods.at(-1)!;
      const m = messages(lang);
      const req2: PageRequest = { lang, m, f: format(lang), filters: { period, region: regions[0] }, periods, connection, dims, minCell: deps.minCell, rows: createRowReader(connection, deps.minCell, dims) };
      const body = await compareBody(req2, regions);
      const form = { action: '/compare', fields: compareFields(dims, lang, regions, period) };
      const context: PageContext = { scope: format(lang).month(period), ...layoutContext(lang, req, 'regions', body.title, deps.minCell, { asOf, periods }), form, body };
      return deps.renderer.render('dashboard', context);
    }));
  });
  // The region switcher of the profile pages: a GET form cannot put its choice into the path, so this redirects.
  router.get('/region', (req, res) => {
    const lang = resolveLang(req, res);
    const query = req.query as Record<string, unknown>;
    const unknown = Object.keys(query).filter((k) => !['region', 'period', 'lang'].includes(k));
    if (unknown.length) throw badRequest(`unknown parameter "${unknown[0]}" (known: region, period, lang)`, unknown[0]);
    const parsed = parseFilters({ name: 'page /region', filters: ['region', 'period'] }, Object.fromEntries(Object.entries(query).filter(([k, v]) => k !== 'lang' && v !== '')));
    if (!parsed.region) throw badRequest(messages(lang).explore.region.switchWhere, 'region');
    res.redirect(303, `/regions/${parsed.region}${parsed.period ? `?period=${parsed.period}` : ''}`);
  });
  return router;
}

/** ?q=: one value, at most MAX_QUERY characters (empty: the search form alone). */
function searchQuery(req: Request, lang: Lang): string {
  const query = req.query as Record<string, unknown>;
  const unknown = Object.keys(query).filter((k) => k !== 'q' && k !== 'lang');
  if (unknown.length) throw badRequest(`unknown parameter "${unknown[0]}" (known: q, lang)`, unknown[0]);
  const q = query.q ?? '';
  if (typeof q !== 'string') throw badRequest(fill(messages(lang).explore.search.once, {}), 'q');
  if (q.length > MAX_QUERY) throw badRequest(fill(messages(lang).explore.search.tooLong, { n: MAX_QUERY }), 'q');
  return q.trim();
}

/** ?regions=32,35 (or regions repeated, as the form sends them): 2 to 4 distinct region codes. */
export function compareRegions(value: unknown, lang: Lang): string[] {
  const t = messages(lang).explore.compare;
  const given = (Array.isArray(value) ? value : [value ?? '']).map(String).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const bad = given.find((code) => !REGION_CODE.test(code));
  if (bad !== undefined) throw badRequest(fill(t.badCode, { code: bad }), 'regions');
  const regions = [...new Set(given)];
  if (regions.length < COMPARE_MIN || regions.length > COMPARE_MAX) throw badRequest(fill(t.count, { min: COMPARE_MIN, max: COMPARE_MAX, n: regions.length }), 'regions');
  return regions;
}

/** The compare form: the month and four region choices (the last two may be left empty). */
function compareFields(dims: Dimensions, lang: Lang, regions: string[], period: string): FilterField[] {
  const m = messages(lang);
  const f = format(lang);
  const { periods } = dims;
  const all = dims.regions.filter((r) => r.region_level !== 'regency');
  const choice = (i: number): FilterField => ({
    name: 'regions', id: `regions-${i + 1}`, label: fill(m.explore.compare.regionN, { n: i + 1 }),
    options: [...(i >= COMPARE_MIN ? [{ value: '', label: m.explore.compare.none, selected: !regions[i] }] : []),
      ...all.map((r) => ({ value: r.region_code, label: r.region_level === 'national' ? m.common.national : r.region_name, selected: regions[i] === r.region_code }))],
  });
  return [
    { name: 'period', label: m.common.period, options: [...periods].reverse().map((p) => ({ value: p, label: f.month(p), selected: p === period })) },
    ...Array.from({ length: COMPARE_MAX }, (_, i) => choice(i)),
  ];
}

function searchBody(lang: Lang, q: string, hits: Record<SearchKind, SearchHit[]>): PageBody {
  const m = messages(lang);
  const t = m.explore.search;
  const total = Object.values(hits).reduce((n, h) => n + h.length, 0);
  const kinds: SearchKind[] = ['skill', 'occupation', 'region'];
  return {
    title: q ? fill(t.titleFor, { q }) : t.title,
    intro: q === '' ? t.hint : total === 0 ? fill(t.nothing, { q }) : fill(t.found, { n: total }),
    sections: kinds.filter((k) => hits[k].length).map((kind) => ({
      title: t.kinds[kind],
      table: {
        caption: t.kinds[kind],
        columns: [{ label: t.name, numeric: false }, { label: t.otherName, numeric: false }, { label: t.code, numeric: false }, { label: t.matched, numeric: false }],
        rows: hits[kind].map((h) => ({ cells: [
          { text: h.entry.name[lang], href: h.entry.href, numeric: false },
          { text: h.entry.name[lang === 'id' ? 'en' : 'id'] === h.entry.name[lang] ? '' : h.entry.name[lang === 'id' ? 'en' : 'id'], numeric: false },
          { text: h.entry.code, numeric: false },
          { text: h.matched ?? '', numeric: false },
        ] })),
      },
      downloads: [],
    })),
  };
}

/** One cache entry per data version, language and meaning of the query; ETag and gzip as for the dashboards. */
async function sendCached(deps: ExploreDeps, req: Request, res: Response, lang: Lang, meaning: string, render: () => Promise<string>): Promise<void> {
  const { version } = await deps.warehouse.snapshot();
  const key = `${lang}|${req.path}|${meaning}`;
  const etag = `"${version}-${createHash('sha1').update(key).digest('base64url').slice(0, 16)}"`;
  res.set({ 'Content-Language': lang, ETag: etag, 'Cache-Control': 'no-cache', Vary: 'Cookie, Accept-Encoding' });
  if (req.headers['if-none-match'] === etag) { res.status(304).end(); return; }
  const page: CachedPage = await deps.cache.getOrRender(version, key, render);
  res.type('html');
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) { res.set('Content-Encoding', 'gzip'); res.end(page.gzip); } else res.end(page.body);
}
