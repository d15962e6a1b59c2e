// `/`: the five-minute view for a policymaker: headline figures with their change on the
// month before, the openings-to-applicants ratio over time, top shortages, the map. With an
// employment type, every figure's openings are of that type and its seekers all seekers.
import { labourHeadlines, labourSeries, mapFigure, ratioFigure } from './labour.ts';
import { fill } from '../i18n.ts';
import type { PageDef } from './page.ts';
import { imbalanceFigure } from './skill-figures.ts';

export const overviewPage: PageDef = {
  path: '/',
  nav: 'overview',
  filters: ['period', 'region', 'employment_type'],
  async load(req) {
    const series = await labourSeries(req);
    return {
      title: req.m.pages.overview.title,
      intro: req.filters.employment_type
        ? `${req.m.pages.overview.intro} ${fill(req.m.pages.overview.typeNote, { type: (req.m.match.types as Record<string, string>)[req.filters.employment_type] ?? req.filters.employment_type })}`
        : req.m.pages.overview.intro,
      headlines: labourHeadlines(req, series),
      figures: [ratioFigure(req, series), await imbalanceFigure(req, { withSurplus: false, limit: 10 }), await mapFigure(req)],
    };
  },
};
