// A figure's chart as an image for slides: `<page>/chart/<figure>.svg` and `.png` with the
// page's own query (`/gaps/chart/gaps.png?period=2025-03&region=32`). The page is loaded as
// for its HTML (the same validation: 400 for a malformed value, 404 for an unknown code),
// the figure is picked by its id (404 when the page has none of that id or it has no chart
// for the selection), and the image is kept per data version, language and URL like pages.
import { Router } from 'express';
import { notFound } from '../../core/errors.ts';
import type { DimensionCache } from '../../core/dimensions.ts';
import type { PageCache } from '../cache.ts';
import { chartImage, chartPng, wideSvg, type ImageFormat } from '../charts/export.ts';
import { fill, format, messages, resolveLang } from '../i18n.ts';
import type { WarehouseReader } from '../warehouse.ts';
import { pageEtag, pageKey } from './page-response.ts';
import { loadPage, PAGES } from './pages.ts';

export interface ExportDeps { warehouse: WarehouseReader; minCell: number; cache: PageCache; dimensions: DimensionCache }

const FILE = /^([a-z0-9][a-z0-9_-]*)\.(svg|png)$/;
const TYPES: Record<ImageFormat, string> = { svg: 'image/svg+xml; charset=utf-8', png: 'image/png' };

export function exportRoutes(deps: ExportDeps): Router {
  const router = Router();
  for (const page of PAGES) {
    const prefix = page.path === '/' ? '' : page.path;
    router.get(`${prefix}/chart/:file`, async (req, res) => {
      const file = FILE.exec(String(req.params.file));
      if (!file) throw notFound(`no chart image "${String(req.params.file)}": ask for <figure>.svg or <figure>.png`, 'file');
      const [, id, kind] = file as unknown as [string, string, ImageFormat];
      const lang = resolveLang(req, res);
      const { version, asOf } = await deps.warehouse.snapshot();
      const key = `chart|${pageKey(lang, req.path, req.query as Record<string, unknown>)}`;
      const etag = pageEtag(version, key);
      res.set({ 'Content-Language': lang, ETag: etag, 'Cache-Control': 'no-cache', Vary: 'Cookie' });
      if (req.headers['if-none-match'] === etag) { res.status(304).end(); return; }
      const image = await deps.cache.getOrRender(version, key, () => deps.warehouse.withConnection(async (snapshot) => {
        const { body, scope, periods, filters } = await loadPage(page, req, lang, snapshot, deps);
        const figures = body.figures ?? [];
        const figure = figures.find((f) => f.id === id);
        if (!figure) throw notFound(`${req.path.replace(/\/chart\/[^/]*$/, '') || '/'} has no figure "${id}" (it has: ${figures.map((f) => f.id).join(', ') || 'none'})`, 'figure');
        const chart = figure.svg ? wideSvg(figure.svg) : undefined;
        if (!chart) throw notFound(`figure "${id}" has no chart for this selection: ${figure.empty ?? 'nothing to draw'}`, 'figure');
        const m = messages(lang);
        const f = format(lang);
        const coverage = periods.length ? ` · ${fill(m.common.coverage, { from: f.month(periods[0]), to: f.month(periods.at(-1)!) })}` : '';
        const svg = chartImage(chart, {
          title: figure.title,
          scope: scope || f.month(filters.period),
          legend: figure.legend,
          source: `${m.common.source}: ${m.common.sourceText}`,
          asOf: `${m.common.asOf} ${f.date(asOf)}${coverage} · Sinergi`,
        });
        return kind === 'png' ? chartPng(svg) : svg;
      }));
      const where = req.path.replace(/\/chart\/[^/]*$/, '').replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '') || 'overview';
      const name = `sinergi-${where}-${id}.${kind}`;
      res.set({ 'Content-Type': TYPES[kind], 'Content-Disposition': `inline; filename="${name}"` });
      res.end(image.body);
    });
  }
  return router;
}
