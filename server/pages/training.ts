// `/training`: for a training planner choosing what to fund where: the skills that would
// qualify the most seekers for open vacancies, and the programmes that would, ranked by
// the openings their graduates could fill (no more than the graduates, nor the openings).
import { barChart } from '../charts/bars.ts';
import { COLOURS } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import { matchingComputed } from './empty.ts';
import { figure } from './figure.ts';
import type { PageDef } from './page.ts';
import { skillColumn, skillLabel } from './skill-figures.ts';

export const trainingPage: PageDef = {
  path: '/training',
  nav: 'training',
  filters: ['period', 'region'],
  async load(req) {
    const { m, f } = req;
    const filters = { period: req.filters.period, region: req.filters.region };
    const period = f.month(req.filters.period);
    const lt = m.figures.leverage;
    const pt = m.figures.programmes;
    // Empty for a reason: matching not computed, every value withheld (fewer than k persons), or none unlocks anyone.
    const computed = await matchingComputed(req);
    const all = <R>(_: R[], rows: R[]) => rows;
    return {
      title: m.pages.training.title,
      intro: m.pages.training.intro,
      figures: [await figure(req, {
        id: 'leverage',
        dataset: 'upskilling-leverage',
        filters,
        slice: { sort: ['-seekers_unlocked', '-vacancies_unlocked'], limit: 15 },
        title: fill(lt.title, { period }), caption: lt.caption, tableCaption: lt.tableCaption,
        columns: [skillColumn(req), 'seekers_unlocked', 'vacancies_unlocked', 'openings_unlocked'],
        shown: (rows) => rows.filter((r) => r.seekers_unlocked !== null && r.seekers_unlocked > 0),
        tableRows: all,
        empty: { column: 'seekers_unlocked', computed, filteredBy: lt.unlockRule },
        chart: { kind: 'bars', draw: (rows) => barChart(rows.map((r) => ({ label: skillLabel(req, r), value: r.seekers_unlocked, colour: COLOURS.tertiary })), { label: fill(lt.title, { period }), description: lt.caption, xLabel: m.columns.seekers_unlocked, formatValue: f.integer }) },
      }), await figure(req, {
        id: 'programmes',
        dataset: 'training-recommendations',
        filters,
        slice: { sort: ['rank'], limit: 15 },
        title: fill(pt.title, { period }), caption: pt.caption, tableCaption: pt.tableCaption,
        columns: ['rank', { column: 'name_id', label: m.columns.programme, value: (r) => (req.lang === 'id' ? r.name_id : r.name_en) }, 'hours', 'openings_fillable', 'seekers_unlocked', 'openings_unlocked', 'seekers_unlocked_per_100h'],
        shown: (rows) => rows.filter((r) => r.openings_fillable !== null && r.openings_fillable > 0),
        tableRows: all,
        empty: { column: 'openings_fillable', computed, filteredBy: lt.unlockRule },
        chart: { kind: 'bars', draw: (rows) => barChart(rows.map((r) => ({ label: req.lang === 'id' ? r.name_id : r.name_en, value: r.openings_fillable })), { label: fill(pt.title, { period }), description: pt.caption, xLabel: m.columns.openings_fillable, formatValue: f.integer, keepOrder: true }) },
      })],
    };
  },
};
