// `/seekers`: who is looking for work and who gets placed: active applicants by gender,
// age group, education, disability and area type, with placement rates.
import { provinceOf } from '../../core/dimensions.ts';
import { barChart } from '../charts/bars.ts';
import { COLOURS } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import { figure } from './figure.ts';
import type { FigureView, PageDef, PageRequest } from './page.ts';

const DIMENSIONS = ['gender', 'age_group', 'education', 'disability', 'area_type'] as const;

/** Categories in their natural order (education by level, not alphabetically); unknown last. */
const ORDER = ['L', 'P', '15-24', '25-34', '35-44', '45-54', '55+', 'SD', 'SMP', 'SMA', 'SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3', 'yes', 'no', 'urban', 'rural', 'unknown'];
const position = (category: string) => { const i = ORDER.indexOf(category); return i < 0 ? ORDER.length : i; };

export const seekersPage: PageDef = {
  path: '/seekers',
  nav: 'seekers',
  filters: ['period', 'region'],
  async load(req) {
    const { m } = req;
    // Published for the country and the provinces only (core/privacy/): at a regency, say so
    // once and lead to its province, rather than four empty figures.
    if (req.dims.region.get(req.filters.region)?.region_level === 'regency') {
      const province = provinceOf(req.dims, req.filters.region);
      return {
        title: m.pages.seekers.title,
        intro: `${m.pages.seekers.intro} ${fill(m.empty.provincesOnly, { k: req.minCell })}`,
        links: province ? [{ label: fill(m.pages.seekers.provinceProfile, { province: province.region_name }), href: `/seekers?period=${req.filters.period}&region=${province.region_code}` }] : [],
      };
    }
    const figures: FigureView[] = [];
    for (const dimension of DIMENSIONS) figures.push(await dimensionFigure(req, dimension));
    return { title: req.m.pages.seekers.title, intro: req.m.pages.seekers.intro, figures };
  },
};

function dimensionFigure(req: PageRequest, dimension: (typeof DIMENSIONS)[number]): Promise<FigureView> {
  const { m, f } = req;
  const label = (category: string) => (m.categories as Record<string, string>)[category] ?? category;
  const title = fill(m.figures.profile.title, { dimension: m.dimensions[dimension].toLocaleLowerCase(f.locale), period: f.month(req.filters.period) });
  const ordered = <R extends { category: string }>(rows: R[]) => [...rows].sort((a, b) => position(a.category) - position(b.category));
  return figure(req, {
    id: `profile-${dimension}`,
    dataset: 'seeker-profile',
    filters: { period: req.filters.period, region: req.filters.region, dimension },
    title, caption: m.figures.profile.caption, tableCaption: title,
    columns: [{ column: 'category', label: m.dimensions[dimension], value: (r) => label(r.category) }, 'active_applicants', 'new_applicants', 'placements', 'placement_rate'],
    shown: (rows) => ordered(rows.filter((r) => r.active_applicants !== null)),
    tableRows: (_, rows) => ordered(rows),
    empty: { column: 'active_applicants' },
    chart: { kind: 'bars', draw: (rows) => barChart(rows.map((r) => ({ label: label(r.category), value: r.active_applicants, colour: COLOURS.primary })), { label: title, description: m.figures.profile.caption, xLabel: m.columns.active_applicants, formatValue: f.integer, keepOrder: true }) },
  });
}
