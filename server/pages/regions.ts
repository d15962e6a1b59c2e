// `/regions`: every province on the map and in a table; `/regions/:code`: one province or
// regency: headline figures, the ratio over time, top shortages, and a province's
// regencies side by side.
import { barChart } from '../charts/bars.ts';
import { WIDTH } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import { labourHeadlines, labourSeries, mapFigure, provinceColumns, ratioFigure, type LabourRow } from './labour.ts';
import { chartOrEmpty } from './empty.ts';
import { provinceOf, regionChoices } from '../../core/dimensions.ts';
import { datasetTitle, download, sortedTable, table, type FigureView, type PageDef, type PageRequest, type RegionSwitcher, withHowTo } from './page.ts';
import { imbalanceFigure } from './skill-figures.ts';

export const regionsPage: PageDef = {
  path: '/regions',
  nav: 'regions',
  filters: ['period'],
  params: ['sort'],
  async load(req) {
    const { m } = req;
    const map = await mapFigure(req);
    // The 38 provinces whole, sortable by any column through the header links (?sort=-active_ratio).
    const provinces = await req.rows<LabourRow>('labour-market-monthly', { period: req.filters.period, level: 'province' });
    const sorted = sortedTable(req, map.table.caption, provinceColumns(req), provinces, { path: '/regions', query: { period: req.filters.period }, fallback: 'region_name' });
    return {
      title: m.pages.regions.title,
      intro: fill(m.pages.regions.intro, { period: req.f.month(req.filters.period) }),
      figures: [map],
      sections: [{ title: map.table.caption, intro: m.explore.sort.hint, table: sorted, downloads: map.downloads }],
      links: [{ label: m.explore.compare.menu, href: `/compare?regions=31,32&period=${req.filters.period}` }],
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
    // The region's ratio against the country's (the national profile needs no second line).
    const national = req.filters.region === 'ID' ? undefined : await req.rows<LabourRow>('labour-market-monthly', { region: 'ID' });
    const figures = [ratioFigure(req, series, false, national), await imbalanceFigure(req, { withSurplus: false, limit: 10 })];
    if (/^\d{2}$/.test(req.filters.region)) figures.push(await regenciesFigure(req));
    const province = provinceOf(req.dims, req.filters.region);
    return {
      title: name,
      intro: m.pages.region.intro,
      headlines: labourHeadlines(req, series),
      switcher: regionSwitcher(req),
      figures,
      links: [
        ...(province ? [{ label: fill(m.explore.region.province, { province: province.region_name }), href: `/regions/${province.region_code}?period=${req.filters.period}` }] : []),
        { label: m.pages.region.allRegions, href: `/regions?period=${req.filters.period}` },
        { label: fill(m.explore.region.compareWith, { region: name }), href: `/compare?regions=${req.filters.region},${req.filters.region.startsWith('31') ? '32' : '31'}&period=${req.filters.period}` },
      ],
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
  return withHowTo(req, 'bars', {
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
  });
}

/** The region switcher of a profile page: a GET form to /region that redirects to the chosen region's page (works without JavaScript). */
function regionSwitcher(req: PageRequest): RegionSwitcher {
  const { m } = req;
  const regions = regionChoices(req.dims, req.filters.region);
  return {
    action: '/region', label: m.explore.region.switchLabel, button: m.explore.region.switchButton, period: req.filters.period,
    options: regions.map((r) => ({ value: r.region_code, label: r.region_level === 'national' ? m.common.national : r.region_level === 'regency' ? `\u2003${r.region_name}` : r.region_name, selected: r.region_code === req.filters.region })),
  };
}
