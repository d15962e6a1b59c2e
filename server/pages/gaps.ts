// `/gaps`: where demand and supply part: the imbalance index as diverging bars, demand
// against supply on log scales with the parity line, and every skill with its status.
import { datasetTitle, download, table, type PageDef } from './page.ts';
import { gapFilters, imbalanceFigure, scatterFigure, skillLabel, type GapRow } from './skill-figures.ts';

export const gapsPage: PageDef = {
  path: '/gaps',
  nav: 'gaps',
  filters: ['period', 'region', 'sector', 'occupation'],
  async load(req) {
    const { m, f } = req;
    const all = await req.rows<GapRow>('skill-gaps', gapFilters(req));
    const slice = { sort: ['-unmet_openings', '-demand'], limit: 30 };
    const unmet = await req.rows<GapRow>('skill-gaps', gapFilters(req), slice);
    const counts = Object.fromEntries(['shortage', 'surplus', 'balanced', 'insufficient'].map((s) => [s, all.filter((r) => r.status === s).length]));
    return {
      title: m.pages.gaps.title,
      intro: m.pages.gaps.intro,
      headlines: (['shortage', 'surplus', 'balanced', 'insufficient'] as const).map((s) => ({ label: m.status[s], value: f.integer(counts[s]), note: m.pages.gaps.skillsUnit })),
      figures: [await imbalanceFigure(req, { withSurplus: true, limit: 12 }), scatterFigure(req, all)],
      sections: [{
        title: m.pages.gaps.unmetTitle,
        intro: m.pages.gaps.unmetIntro,
        table: table(m.pages.gaps.unmetTitle, [
          { label: m.columns.skill, value: (r: GapRow) => skillLabel(req, r) },
          { label: m.columns.skill_group, value: (r: GapRow) => m.skillGroups[r.skill_group as keyof typeof m.skillGroups] ?? r.skill_group },
          { label: m.columns.demand, value: (r: GapRow) => f.integer(r.demand), numeric: true },
          { label: m.columns.supply, value: (r: GapRow) => f.integer(r.supply), numeric: true },
          { label: m.columns.unmet_openings, value: (r: GapRow) => f.integer(r.unmet_openings), numeric: true },
          { label: m.columns.imbalance_index, value: (r: GapRow) => f.decimal(r.imbalance_index, 2), numeric: true },
          { label: m.columns.status, value: (r: GapRow) => m.status[r.status as keyof typeof m.status] ?? r.status },
        ], unmet),
        downloads: [download(datasetTitle(req, 'skill-gaps'), 'skill-gaps', gapFilters(req), slice)],
      }],
    };
  },
};
