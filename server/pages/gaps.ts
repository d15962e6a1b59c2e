// `/gaps`: where demand and supply part, in the two senses a reader needs kept apart: the
// absolute gap (demand against supply, unmet openings) and the relative index (shares of
// demand and supply); diverging bars of the index, demand against supply with the parity
// and market lines, and the skills with the most unmet openings.
import { METHODOLOGY } from '../../core/methodology.ts';
import { fill } from '../i18n.ts';
import { datasetTitle, download, table, type PageDef } from './page.ts';
import { gapFilters, imbalanceFigure, relativeLabel, scatterFigure, skillColumn, statusLabel, type GapRow } from './skill-figures.ts';

const ABSOLUTE = ['shortage', 'surplus', 'balanced', 'insufficient'] as const;
const RELATIVE = ['relatively_scarce', 'relatively_abundant'] as const;

export const gapsPage: PageDef = {
  path: '/gaps',
  nav: 'gaps',
  filters: ['period', 'region', 'sector', 'occupation', 'employment_type'],
  async load(req) {
    const { m, f } = req;
    const all = await req.rows<GapRow>('skill-gaps', gapFilters(req));
    // Absolute shortages only (D ≥ 1.5 S): a row with 0 unmet openings is never listed.
    const unmetFilters = { ...gapFilters(req), status: 'shortage' };
    const slice = { sort: ['-unmet_openings', '-demand'], limit: 30 };
    const unmet = await req.rows<GapRow>('skill-gaps', unmetFilters, slice);
    const count = (key: 'status' | 'relative_status', value: string) => f.integer(all.filter((r) => r[key] === value).length);
    return {
      title: m.pages.gaps.title,
      intro: `${m.pages.gaps.intro} ${fill(m.pages.gaps.statuses, { n: METHODOLOGY.rankingMinVolume })}${req.filters.sector || req.filters.occupation || req.filters.employment_type ? ` ${m.pages.gaps.supplyUnfiltered}` : ''}`,
      headlines: [
        ...ABSOLUTE.map((s) => ({ label: m.status[s], value: count('status', s), note: m.pages.gaps.absoluteUnit })),
        ...RELATIVE.map((s) => ({ label: m.relativeStatus[s], value: count('relative_status', s), note: m.pages.gaps.relativeUnit })),
      ],
      figures: [await imbalanceFigure(req, { withSurplus: true, limit: 12 }), scatterFigure(req, all)],
      sections: [{
        title: m.pages.gaps.unmetTitle,
        intro: m.pages.gaps.unmetIntro,
        table: table(m.pages.gaps.unmetTitle, [
          skillColumn<GapRow>(req),
          { label: m.columns.skill_group, value: (r: GapRow) => m.skillGroups[r.skill_group as keyof typeof m.skillGroups] ?? r.skill_group },
          { label: m.columns.demand, key: 'demand', value: (r: GapRow) => f.integer(r.demand), numeric: true },
          { label: m.columns.supply, key: 'supply', value: (r: GapRow) => f.integer(r.supply), numeric: true },
          { label: m.columns.unmet_openings, key: 'unmet_openings', value: (r: GapRow) => f.integer(r.unmet_openings), numeric: true },
          { label: m.columns.status, key: 'status', value: (r: GapRow) => statusLabel(req, r) },
          { label: m.columns.imbalance_index, key: 'imbalance_index', value: (r: GapRow) => f.decimal(r.imbalance_index, 2), numeric: true },
          { label: m.columns.relative_status, key: 'relative_status', value: (r: GapRow) => relativeLabel(req, r) },
        ], unmet, req),
        downloads: [download(datasetTitle(req, 'skill-gaps'), 'skill-gaps', unmetFilters, slice)],
      }],
    };
  },
};
