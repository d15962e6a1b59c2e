// The dashboard pages (DESIGN §6): each URL validates its filters once (./filter-form.ts),
// loads its page from the published datasets, renders it in the layout (./layout.ts) and
// keeps the HTML per data version, language and URL (./page-response.ts).
import { Router, type Request } from 'express';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DimensionCache, Dimensions } from '../../core/dimensions.ts';
import type { PageCache } from '../cache.ts';
import { fill, format, messages, resolveLang, type Lang } from '../i18n.ts';
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
import type { Renderer } from '../render.ts';
import type { WarehouseReader } from '../warehouse.ts';
import { filterFields, pageFilters, pageParams, scopeLine } from './filter-form.ts';
import { layoutContext } from './layout.ts';
import { pageEtag, pageKey, sendCachedPage, sendPage, setPageHeaders } from './page-response.ts';

export const PAGES: PageDef[] = [overviewPage, skillsPage, skillPage, gapsPage, regionsPage, regionPage, occupationsPage, occupationPage, apprenticeshipsPage, matchingPage, trainingPage, seekersPage, methodologyPage];

export interface PagesDeps { warehouse: WarehouseReader; minCell: number; renderer: Renderer; cache: PageCache; dimensions: DimensionCache }

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

/** A page's body for a request, its query validated, with what its figures are of (`scope`); also what a chart export draws (server/routes/export.ts). */
export async function loadPage(page: PageDef, req: Request, lang: Lang, snapshot: { connection: DuckDBConnection; version: string }, deps: Pick<PagesDeps, 'minCell' | 'dimensions'>): Promise<{ body: PageBody; filters: PageFilters; periods: string[]; scope: string; dims: Dimensions }> {
  const m = messages(lang);
  const { connection } = snapshot;
  const dims = await deps.dimensions.get(snapshot.version, connection);
  const periods = dims.periods;
  const filters = await pageFilters(page, req, dims);
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

/** Under the headlines: what a mark in them means, and how their changes are written. */
function headlineNotes(req: Pick<PageRequest, 'm' | 'minCell'>, headlines: Headline[]): string[] {
  const marks = (['withheld', 'notComputable', 'noData'] as const).filter((k) => headlines.some((h) => h.value === req.m.marks[k]));
  const changed = headlines.some((h) => h.change);
  return [...marksLegend(req, marks), ...(changed ? [fill(req.m.changes.note, { n: METHODOLOGY.smallBase })] : [])];
}
