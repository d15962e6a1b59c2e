// `/gaps`: where demand and supply part, in the two senses a reader needs kept apart: the
// absolute gap (demand against supply, unmet openings) and the relative index (shares of
// demand and supply); diverging bars of the index, demand against supply with the parity
// and market lines, and the skills with the most unmet openings.
import { METHODOLOGY } from '../../core/methodology.ts';
import { fill } from '../i18n.ts';
import { dataSection } from './figure.ts';
import type { PageDef } from './page.ts';
import { gapFilters, imbalanceFigure, relativeLabel, scatterFigure, skillColumn, statusLabel, type GapRow } from './skill-figures.ts';

const ABSOLUTE = ['shortage', 'surplus', 'balanced', 'insufficient'] as const;
const RELATIVE = ['relatively_scarce', 'relatively_abundant'] as const;

export const gapsPage: PageDef = {
  path: '/gaps',
  nav: 'gaps',
  filters: ['period', 'region', 'sector', 'occupation', 'employment_type'],
  async load(req) {
    const { m, f } = req;
    const figures = [await imbalanceFigure(req, { withSurplus: true, limit: 12 }), await scatterFigure(req)];
    // The scatter's rows (the same query, read once per request): how many skills have each status.
    const all = await req.rows<GapRow>('skill-gaps', gapFilters(req));
    const count = (key: 'status' | 'relative_status', value: string) => f.integer(all.filter((r) => r[key] === value).length);
    return {
      title: m.pages.gaps.title,
      intro: `${m.pages.gaps.intro} ${fill(m.pages.gaps.statuses, { n: METHODOLOGY.rankingMinVolume })}${req.filters.sector || req.filters.occupation || req.filters.employment_type ? ` ${m.pages.gaps.supplyUnfiltered}` : ''}`,
      headlines: [
        ...ABSOLUTE.map((s) => ({ label: m.status[s], value: count('status', s), note: m.pages.gaps.absoluteUnit })),
        ...RELATIVE.map((s) => ({ label: m.relativeStatus[s], value: count('relative_status', s), note: m.pages.gaps.relativeUnit })),
      ],
      figures,
      sections: [await dataSection(req, {
        dataset: 'skill-gaps',
        // Absolute shortages only (D ≥ 1.5 S): a row with 0 unmet openings is never listed.
        filters: { ...gapFilters(req), status: 'shortage' },
        slice: { sort: ['-unmet_openings', '-demand'], limit: 30 },
        title: m.pages.gaps.unmetTitle,
        intro: m.pages.gaps.unmetIntro,
        columns: [
          skillColumn<GapRow>(req),
          { column: 'skill_group', value: (r) => m.skillGroups[r.skill_group as keyof typeof m.skillGroups] ?? r.skill_group },
          'demand', 'supply', 'unmet_openings',
          { column: 'status', value: (r) => statusLabel(req, r) },
          'imbalance_index',
          { column: 'relative_status', value: (r) => relativeLabel(req, r) },
        ],
      })],
    };
  },
};
