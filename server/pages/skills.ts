// `/skills`: what employers ask for: most demanded skills, their trend over the year,
// emerging skills and demand by skill group (sector and occupation filters apply to the
// skill-gaps figures).
import type { PageDef } from './page.ts';
import { emergingFigure, gapFilters, groupFigure, topDemandFigure, trendFigure, type GapRow } from './skill-figures.ts';

export const skillsPage: PageDef = {
  path: '/skills',
  nav: 'skills',
  filters: ['period', 'region', 'sector', 'occupation', 'employment_type'],
  async load(req) {
    const top = await topDemandFigure(req);
    const all = await req.rows<GapRow>('skill-gaps', gapFilters(req));
    return {
      title: req.m.pages.skills.title,
      intro: req.m.pages.skills.intro,
      figures: [top.figure, await emergingFigure(req), await trendFigure(req, top.rows.slice(0, 5).map((r) => r.skill_id)), groupFigure(req, all)],
    };
  },
};
