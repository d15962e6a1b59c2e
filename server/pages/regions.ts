// `/regions`: every province on the map and in a table; `/regions/:code`: one province or
// regency: headline figures, the ratio over time, top shortages, and a province's
// regencies side by side.
import { barChart } from '../charts/bars.ts';
import { WIDTH } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import { labourHeadlines, labourSeries, mapFigure, provinceColumns, ratioFigure, type LabourRow } from './labour.ts';
import { figure } from './figure.ts';
import { provinceOf, regionChoices } from '../../core/dimensions.ts';
import { sortedTable, type FigureView, type PageDef, type PageRequest, type RegionSwitcher } from './page.ts';
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

/** A province's regencies side by side: openings per seeker, with openings and seekers in the table. */
function regenciesFigure(req: PageRequest): Promise<FigureView> {
  const { m, f } = req;
  const t = m.figures.regencies;
  const title = fill(t.title, { period: f.month(req.filters.period) });
  return figure(req, {
    id: 'regencies', dataset: 'labour-market-monthly', filters: { period: req.filters.period, parent: req.filters.region },
    title, caption: t.caption, tableCaption: t.tableCaption,
    columns: [{ column: 'region_name', label: m.common.regency, href: (r) => `/regions/${r.region_code}?period=${req.filters.period}` }, 'active_openings', 'active_applicants', 'active_ratio'],
    shown: (rows) => rows.filter((r) => r.active_ratio !== null),
    tableRows: (_, rows) => rows,
    empty: { column: 'active_ratio' },
    chart: { kind: 'bars', draw: (rows) => barChart(rows.map((r) => ({ label: r.region_name, value: r.active_ratio })), { label: title, description: t.caption, xLabel: m.columns.active_ratio, formatValue: (v) => f.decimal(v, 2), width: WIDTH.wide }) },
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
