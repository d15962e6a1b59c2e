// `/training`: for a training planner choosing what to fund where: the skills that would
// qualify the most seekers for open vacancies, and the programmes that would, ranked by
// the openings their graduates could fill (no more than the graduates, nor the openings).
import { barChart } from '../charts/bars.ts';
import { COLOURS } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import { chartOrEmpty, matchingComputed } from './empty.ts';
import { datasetTitle, download, table, type PageDef } from './page.ts';
import { skillColumn, skillLabel } from './skill-figures.ts';

interface LeverageRow { skill_id: string; skill_label_id: string; skill_label_en: string; skill_group: string; seekers_unlocked: number | null; vacancies_unlocked: number; openings_unlocked: number }
interface ProgrammeRow {
  programme_id: string; name_id: string; name_en: string; hours: number; seekers_unlocked: number | null; seekers_unlocked_per_100h: number | null;
  openings_unlocked: number; openings_fillable: number | null; rank: number;
}

export const trainingPage: PageDef = {
  path: '/training',
  nav: 'training',
  filters: ['period', 'region'],
  async load(req) {
    const { m, f } = req;
    const filters = { period: req.filters.period, region: req.filters.region };
    const leverageSlice = { sort: ['-seekers_unlocked', '-vacancies_unlocked'], limit: 15 };
    const programmeSlice = { sort: ['rank'], limit: 15 };
    const leverage = await req.rows<LeverageRow>('upskilling-leverage', filters, leverageSlice);
    const programmes = await req.rows<ProgrammeRow>('training-recommendations', filters, programmeSlice);
    const period = f.month(req.filters.period);
    const lt = m.figures.leverage;
    const pt = m.figures.programmes;
    const name = (r: ProgrammeRow) => (req.lang === 'id' ? r.name_id : r.name_en);
    const leverageShown = leverage.filter((r) => r.seekers_unlocked !== null && r.seekers_unlocked > 0);
    const programmesShown = programmes.filter((r) => r.openings_fillable !== null && r.openings_fillable > 0);
    // Empty for a reason: matching not computed, every value withheld (fewer than k persons), or none unlocks anyone.
    const computed = await matchingComputed(req);
    return {
      title: m.pages.training.title,
      intro: m.pages.training.intro,
      figures: [{
        id: 'leverage',
        title: fill(lt.title, { period }),
        caption: lt.caption,
        ...chartOrEmpty(req, { rows: leverage, shown: leverageShown.length, column: 'seekers_unlocked', computed, filteredBy: m.figures.leverage.unlockRule },
          () => barChart(leverageShown.map((r) => ({ label: skillLabel(req, r), value: r.seekers_unlocked, colour: COLOURS.tertiary })), { label: fill(lt.title, { period }), description: lt.caption, xLabel: m.columns.seekers_unlocked, formatValue: f.integer })),
        table: table(lt.tableCaption, [
          skillColumn<LeverageRow>(req),
          { label: m.columns.seekers_unlocked, value: (r) => f.integer(r.seekers_unlocked), numeric: true },
          { label: m.columns.vacancies_unlocked, value: (r) => f.integer(r.vacancies_unlocked), numeric: true },
          { label: m.columns.openings_unlocked, value: (r) => f.integer(r.openings_unlocked), numeric: true },
        ], leverage),
        downloads: [download(datasetTitle(req, 'upskilling-leverage'), 'upskilling-leverage', filters, leverageSlice)],
      }, {
        id: 'programmes',
        title: fill(pt.title, { period }),
        caption: pt.caption,
        ...chartOrEmpty(req, { rows: programmes, shown: programmesShown.length, column: 'openings_fillable', computed, filteredBy: m.figures.leverage.unlockRule },
          () => barChart(programmesShown.map((r) => ({ label: name(r), value: r.openings_fillable })), { label: fill(pt.title, { period }), description: pt.caption, xLabel: m.columns.openings_fillable, formatValue: f.integer, keepOrder: true })),
        table: table(pt.tableCaption, [
          { label: m.columns.rank, value: (r: ProgrammeRow) => f.integer(r.rank), numeric: true },
          { label: m.columns.programme, value: (r) => name(r) },
          { label: m.columns.hours, value: (r) => f.integer(r.hours), numeric: true },
          { label: m.columns.openings_fillable, value: (r) => f.integer(r.openings_fillable), numeric: true },
          { label: m.columns.seekers_unlocked, value: (r) => f.integer(r.seekers_unlocked), numeric: true },
          { label: m.columns.openings_unlocked, value: (r) => f.integer(r.openings_unlocked), numeric: true },
          { label: m.columns.seekers_unlocked_per_100h, value: (r) => f.decimal(r.seekers_unlocked_per_100h, 1), numeric: true },
        ], programmes),
        downloads: [download(datasetTitle(req, 'training-recommendations'), 'training-recommendations', filters, programmeSlice)],
      }],
    };
  },
};
