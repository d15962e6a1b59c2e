// `/compare?regions=32,35`: two to four regions side by side for one month: their headline
// figures, the openings-to-applicants ratio over time (with the country's for reference),
// and each one's relatively scarcest skills.
import { lineChart } from '../charts/line.ts';
import { SERIES_COLOURS } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import { chartOrEmpty, markOf } from './empty.ts';
import type { LabourRow } from './labour.ts';
import { datasetTitle, download, table, type FigureView, type PageBody, type PageRequest, type Section, type TableView, withHowTo } from './page.ts';
import { skillHref, skillLabel, type GapRow } from './skill-figures.ts';

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;
/** Shortages listed per region. */
const TOP = 5;

interface Compared { code: string; name: string; series: LabourRow[] }

export async function compareBody(req: PageRequest, codes: string[]): Promise<PageBody> {
  const { m } = req;
  const t = m.explore.compare;
  const regions: Compared[] = [];
  for (const code of codes) {
    const series = await req.rows<LabourRow>('labour-market-monthly', { region: code });
    regions.push({ code, name: code === 'ID' ? m.common.national : series[0]?.region_name ?? code, series });
  }
  const national = codes.includes('ID') ? undefined : await req.rows<LabourRow>('labour-market-monthly', { region: 'ID' });
  return {
    title: fill(t.title, { regions: regions.map((r) => r.name).join(' · ') }),
    intro: t.intro,
    figures: [ratioFigure(req, regions, national)],
    sections: [headlineSection(req, regions), await shortagesSection(req, regions)],
    links: regions.map((r) => ({ label: r.name, href: `/regions/${r.code}?period=${req.filters.period}` })),
  };
}

function headlineSection(req: PageRequest, regions: Compared[]): Section {
  const { m, f } = req;
  const rows = regions.map((r) => ({ ...(r.series.find((s) => s.period === req.filters.period) ?? {}), region_code: r.code, region_name: r.name })) as (LabourRow & { region_code: string; region_name: string })[];
  const caption = fill(m.explore.compare.headlines, { period: f.month(req.filters.period) });
  return {
    title: caption,
    table: table(caption, [
      { label: m.common.region, value: (r: (typeof rows)[number]) => r.region_name, href: (r) => `/regions/${r.region_code}?period=${req.filters.period}` },
      { label: m.columns.active_openings, key: 'active_openings', value: (r) => f.integer(r.active_openings), numeric: true },
      { label: m.columns.active_applicants, key: 'active_applicants', value: (r) => f.integer(r.active_applicants), numeric: true },
      { label: m.columns.active_ratio, key: 'active_ratio', value: (r) => f.decimal(r.active_ratio, 2), numeric: true },
      { label: m.columns.new_openings, key: 'new_openings', value: (r) => f.integer(r.new_openings), numeric: true },
      { label: m.columns.placements, key: 'placements', value: (r) => f.integer(r.placements), numeric: true },
      { label: m.columns.placement_rate, key: 'placement_rate', value: (r) => f.percent(r.placement_rate), numeric: true },
    ], rows, req),
    downloads: regions.map((r) => download(`${datasetTitle(req, 'labour-market-monthly')} · ${r.name}`, 'labour-market-monthly', { period: req.filters.period, region: r.code })),
  };
}

function ratioFigure(req: PageRequest, regions: Compared[], national: LabourRow[] | undefined): FigureView {
  const { m, f } = req;
  const t = m.explore.compare.ratio;
  const all = [...regions, ...(national ? [{ code: 'ID', name: m.common.national, series: national }] : [])];
  const lines = all.flatMap((r) => r.series.map((s) => ({ period: s.period, value: s.active_ratio, series: r.name, provisional: Boolean(s.provisional) })));
  const periods = [...new Set(lines.map((l) => l.period))].sort();
  const ratioOf = (r: Compared, period: string) => r.series.find((s) => s.period === period);
  // One table row per month, one column per region: the mark says why a cell is empty.
  const tableView: TableView = table(t.tableCaption, [
    { label: m.common.period, value: (p: string) => f.month(p) },
    ...all.map((r) => ({ label: r.name, value: (p: string) => { const row = ratioOf(r, p); const mark = markOf(row, 'active_ratio'); return mark ? m.marks[mark] : f.decimal(row!.active_ratio, 2); }, numeric: true })),
  ], periods);
  return withHowTo(req, 'line', {
    id: 'compare-ratio',
    title: t.title,
    caption: t.caption,
    ...chartOrEmpty(req, { rows: all.flatMap((r) => r.series), shown: lines.filter((l) => l.value !== null).length, column: 'active_ratio' }, () => lineChart(lines, {
      label: t.title, description: t.caption, yLabel: m.columns.active_ratio, formatValue: (v) => f.decimal(v, 2), formatMonth: f.monthShort, reference: 1, provisionalLabel: m.provisional.label,
    })),
    legend: all.map((r, i) => ({ label: r.name, colour: SERIES_COLOURS[i] })),
    table: tableView,
    downloads: all.map((r) => download(`${datasetTitle(req, 'labour-market-monthly')} · ${r.name}`, 'labour-market-monthly', { region: r.code })),
    wide: true,
  });
}

async function shortagesSection(req: PageRequest, regions: Compared[]): Promise<Section> {
  const { m, f } = req;
  const t = m.explore.compare;
  const slice = { sort: ['-imbalance_index'], limit: TOP };
  const lists: GapRow[][] = [];
  for (const r of regions) lists.push(await req.rows<GapRow>('skill-gaps', { period: req.filters.period, region: r.code, relative_status: 'relatively_scarce' }, slice));
  const caption = fill(t.shortages, { period: f.month(req.filters.period), n: TOP });
  const ranks = Array.from({ length: Math.max(1, ...lists.map((l) => l.length)) }, (_, i) => i);
  const view: TableView = {
    caption,
    columns: [{ label: m.columns.rank, numeric: true }, ...regions.map((r) => ({ label: r.name, numeric: false }))],
    rows: ranks.map((i) => ({ cells: [
      { text: f.integer(i + 1), numeric: true },
      ...regions.map((r, j) => {
        const g = lists[j][i];
        return g ? { text: `${skillLabel(req, g)} (${f.decimal(g.imbalance_index, 2)})`, href: skillHref({ filters: { period: req.filters.period, region: r.code } }, g.skill_id), numeric: false } : { text: i === 0 ? t.noShortage : '', numeric: false };
      }),
    ] })),
  };
  return {
    title: caption,
    intro: t.shortagesIntro,
    table: view,
    downloads: regions.map((r) => download(`${m.relativeStatus.relatively_scarce} · ${r.name}`, 'skill-gaps', { period: req.filters.period, region: r.code, relative_status: 'relatively_scarce' }, slice)),
  };
}
