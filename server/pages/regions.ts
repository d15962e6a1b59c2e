// `/regions`: every province on the map and in a table; `/regions/:code`: one province or
// regency: headline figures, the ratio over time, top shortages, and a province's
// regencies side by side.
import { barChart } from '../charts/bars.ts';
import { WIDTH } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import { labourHeadlines, labourSeries, mapFigure, ratioFigure, type LabourRow } from './labour.ts';
import { chartOrEmpty } from './empty.ts';
import { datasetTitle, download, table, type FigureView, type PageDef, type PageRequest } from './page.ts';
import { imbalanceFigure } from './skill-figures.ts';

export const regionsPage: PageDef = {
  path: '/regions',
  nav: 'regions',
  filters: ['period'],
  async load(req) {
    const { m } = req;
    const map = await mapFigure(req);
    return {
      title: m.pages.regions.title,
      intro: fill(m.pages.regions.intro, { period: req.f.month(req.filters.period) }),
      figures: [map],
      sections: [{ title: map.table.caption, table: map.table, downloads: map.downloads }],
    };
  },
};

export const regionPage: PageDef = {
  path: '/regions/:code',
  nav: 'regions',
  filters: ['period'],
  async load(req) {
    const { m } = req;
    const series = await labourSeries(req);
    const name = series[0]?.region_name ?? req.filters.region;
    const figures = [ratioFigure(req, series), await imbalanceFigure(req, { withSurplus: false, limit: 10 })];
    if (/^\d{2}$/.test(req.filters.region)) figures.push(await regenciesFigure(req));
    return {
      title: name,
      intro: m.pages.region.intro,
      headlines: labourHeadlines(req, series),
      figures,
      links: [{ label: m.pages.region.allRegions, href: `/regions?period=${req.filters.period}` }],
    };
  },
};

async function regenciesFigure(req: PageRequest): Promise<FigureView> {
  const { m, f } = req;
  const t = m.figures.regencies;
  const filters = { period: req.filters.period, parent: req.filters.region };
  const rows = await req.rows<LabourRow>('labour-market-monthly', filters);
  const title = fill(t.title, { period: f.month(req.filters.period) });
  const known = rows.filter((r) => r.active_ratio !== null);
  return {
    id: 'regencies',
    title,
    caption: t.caption,
    ...chartOrEmpty(req, { rows, shown: known.length, column: 'active_ratio' },
      () => barChart(known.map((r) => ({ label: r.region_name, value: r.active_ratio })), { label: title, description: t.caption, xLabel: m.columns.active_ratio, formatValue: (v) => f.decimal(v, 2), width: WIDTH.wide })),
    table: table(t.tableCaption, [
      { label: m.common.regency, value: (r: LabourRow) => r.region_name, href: (r) => `/regions/${r.region_code}?period=${req.filters.period}` },
      { label: m.columns.active_openings, key: 'active_openings', value: (r) => f.integer(r.active_openings), numeric: true },
      { label: m.columns.active_applicants, key: 'active_applicants', value: (r) => f.integer(r.active_applicants), numeric: true },
      { label: m.columns.active_ratio, key: 'active_ratio', value: (r) => f.decimal(r.active_ratio, 2), numeric: true },
    ], rows, req),
    downloads: [download(datasetTitle(req, 'labour-market-monthly'), 'labour-market-monthly', filters)],
    wide: true,
  };
}
