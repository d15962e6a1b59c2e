// `/skills/:code`: one skill, for a training planner or a counsellor who looked it up: its
// demand, supply and imbalance over time (nationally and for the chosen region), where in
// Indonesia it is demanded (map and table), the occupations and sectors whose vacancies ask
// for it, the skills asked for with it, and the programmes that teach it.
import fs from 'node:fs';
import path from 'node:path';
import { rows as readRows } from '../../core/duckdb.ts';
import { badRequest, notFound } from '../../core/errors.ts';
import { barChart } from '../charts/bars.ts';
import { lineChart } from '../charts/line.ts';
import { MAP_COLOURS, provinceMap } from '../charts/map.ts';
import { COLOURS, SERIES_COLOURS, WIDTH } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import { skillUrl } from '../urls.ts';
import { chartOrEmpty } from './empty.ts';
import { figure } from './figure.ts';
import { headlineValue, provisionalColumn } from './labour.ts';
import { changes, datasetTitle, download, table, type FigureView, type Headline, type PageDef, type PageRequest, type Section, withHowTo } from './page.ts';
import { relativeLabel, skillHref, statusLabel, type GapRow } from './skill-figures.ts';

const CONTEXT_SQL = fs.readFileSync(path.join(import.meta.dirname, 'sql', 'skill_context.sql'), 'utf8');

/** The skill ids of the taxonomy (data/reference/skills): lower-case words joined by hyphens. */
export const SKILL_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface SkillInfo { skill_id: string; label_id: string; label_en: string; skill_group: string; transversal: boolean }
interface ContextRow { kind: 'occupation' | 'sector' | 'skill'; code: string; openings: number }
interface ProgrammeRow { programme_id: string; name_id: string; name_en: string; hours: number }
interface RecommendationRow { programme_id: string; openings_fillable: number | null; seekers_unlocked: number | null; rank: number; withheld: string }

/** The skill of the path, or 400 for a malformed id and 404 for one the taxonomy does not have. */
export function findSkill(req: Pick<PageRequest, 'dims'>, code: string): SkillInfo {
  if (!SKILL_ID.test(code)) throw badRequest(`invalid skill code: "${code}"`, 'skill');
  const skill = req.dims.skills.get(code);
  if (!skill) throw notFound(`unknown skill: "${code}"`, 'skill');
  return skill;
}

export const skillPage: PageDef = {
  path: '/skills/:code',
  nav: 'skills',
  filters: ['period', 'region'],
  async load(req) {
    const { m } = req;
    const t = m.explore.skill;
    const skill = findSkill(req, req.code!);
    const name = req.lang === 'id' ? skill.label_id : skill.label_en;
    const national = await req.rows<GapRow>('skill-gaps', { region: 'ID', skill: skill.skill_id });
    const regional = req.filters.region === 'ID' ? national : await req.rows<GapRow>('skill-gaps', { region: req.filters.region, skill: skill.skill_id });
    const context = await readRows<ContextRow>(req.connection, CONTEXT_SQL, { skill: skill.skill_id, period: req.filters.period, region: req.filters.region });
    const figures = [
      ...(req.filters.region === 'ID' ? [] : [await seriesFigure(req, skill, 'region')]),
      await seriesFigure(req, skill, 'national'),
      imbalanceFigure(req, national, regional),
      await whereFigure(req, skill),
      contextFigure(req, context, 'occupation', occupationTitles(req)),
      contextFigure(req, context, 'sector', m.sectors as Record<string, string>),
      contextFigure(req, context, 'skill', skillTitles(req, context)),
    ];
    return {
      title: name,
      intro: fill(t.intro, { group: m.skillGroups[skill.skill_group as keyof typeof m.skillGroups] ?? skill.skill_group, other: req.lang === 'id' ? skill.label_en : skill.label_id })
        + (skill.transversal ? ` ${t.transversal}` : ''),
      headlines: skillHeadlines(req, regional),
      figures,
      sections: [await programmesSection(req, skill)],
      links: [{ label: m.explore.skill.allSkills, href: `/skills?period=${req.filters.period}&region=${req.filters.region}` }, { label: m.nav.gaps, href: `/gaps?period=${req.filters.period}&region=${req.filters.region}` }],
    };
  },
};

function skillHeadlines(req: PageRequest, series: GapRow[]): Headline[] {
  const { m, f } = req;
  const now = series.find((r) => r.period === req.filters.period);
  const item = (label: string, key: keyof GapRow, show: (v: number) => string, kind: 'count' | 'ratio' = 'count'): Headline => ({
    label, value: headlineValue(req, now, key, show), ...changes(series, req.filters.period, (r) => r?.[key] as number | null | undefined, f, m, kind),
  });
  return [
    item(m.columns.demand, 'demand', f.integer),
    item(m.columns.supply, 'supply', f.integer),
    item(m.columns.skill_ratio, 'skill_ratio', (v) => f.decimal(v, 2), 'ratio'),
    { label: m.columns.imbalance_index, value: headlineValue(req, now, 'imbalance_index', (v) => f.decimal(v, 2)) },
    { label: m.columns.status, value: now ? statusLabel(req, now) : m.marks.noData, note: now ? relativeLabel(req, now) : undefined },
    item(m.columns.unmet_openings, 'unmet_openings', f.integer),
  ];
}

/** Demand and supply of the skill over every month, in one region. */
function seriesFigure(req: PageRequest, skill: SkillInfo, which: 'national' | 'region'): Promise<FigureView> {
  const { m, f } = req;
  // The country's series alone (no region chosen) goes across the page; beside a region's, half.
  const alone = req.filters.region === 'ID';
  const t = m.explore.skill.series;
  const filters = { region: which === 'national' ? 'ID' : req.filters.region, skill: skill.skill_id };
  const regionOf = (rows: GapRow[]) => (which === 'national' ? m.common.national : rows[0]?.region_name ?? req.filters.region);
  return figure(req, {
    id: which === 'national' ? 'series-national' : 'series-region',
    dataset: 'skill-gaps', filters,
    title: (rows) => fill(t.title, { region: regionOf(rows) }), caption: t.caption, tableCaption: (rows) => fill(t.tableCaption, { region: regionOf(rows) }),
    columns: ['period', 'demand', 'supply', 'skill_ratio', 'imbalance_index', { column: 'status', value: (r) => statusLabel(req, r) }, { ...provisionalColumn(req), column: 'provisional' }],
    empty: { column: 'supply' },
    chart: {
      kind: 'line',
      draw: (rows) => lineChart([
        ...rows.map((r) => ({ period: r.period, value: r.demand, series: m.columns.demand })),
        ...rows.map((r) => ({ period: r.period, value: r.supply, series: m.columns.supply })),
      ], { label: fill(t.title, { region: regionOf(rows) }), description: t.caption, yLabel: m.common.count, formatValue: f.integer, formatMonth: f.monthShort, width: alone ? WIDTH.wide : WIDTH.normal }),
      legend: [{ label: m.columns.demand, colour: SERIES_COLOURS[0] }, { label: m.columns.supply, colour: SERIES_COLOURS[1] }],
    },
    wide: alone,
  });
}

/** The imbalance index over time: the chosen region against the country (shares, so comparable across sizes). */
function imbalanceFigure(req: PageRequest, national: GapRow[], regional: GapRow[]): FigureView {
  const { m, f } = req;
  const t = m.explore.skill.imbalance;
  const region = regional[0]?.region_name ?? req.filters.region;
  const both = req.filters.region !== 'ID';
  const lines = [
    ...(both ? regional.map((r) => ({ period: r.period, value: r.imbalance_index, series: region })) : []),
    ...national.map((r) => ({ period: r.period, value: r.imbalance_index, series: m.common.national })),
  ];
  const title = both ? fill(t.titleBoth, { region }) : t.title;
  const byPeriod = new Map(national.map((r) => [r.period, r]));
  const rows = (both ? regional : national).map((r) => ({ ...r, national_index: byPeriod.get(r.period)?.imbalance_index ?? null }));
  return withHowTo(req, 'line', {
    id: 'skill-imbalance',
    title,
    caption: t.caption,
    ...chartOrEmpty(req, { rows: [...national, ...regional], shown: lines.filter((l) => l.value !== null).length, column: 'imbalance_index' },
      () => lineChart(lines, { label: title, description: t.caption, yLabel: m.columns.imbalance_index, formatValue: (v) => f.decimal(v, 2), formatMonth: f.monthShort, reference: 0, zero: false })),
    legend: [...(both ? [{ label: region, colour: SERIES_COLOURS[0] }] : []), { label: m.common.national, colour: SERIES_COLOURS[both ? 1 : 0] }],
    table: table(t.tableCaption, [
      { label: m.common.period, value: (r: (typeof rows)[number]) => f.month(r.period) },
      ...(both ? [{ label: `${m.columns.imbalance_index}: ${region}`, key: 'imbalance_index', value: (r: (typeof rows)[number]) => f.decimal(r.imbalance_index, 2), numeric: true }] : []),
      { label: `${m.columns.imbalance_index}: ${m.common.national}`, value: (r) => f.decimal(r.national_index, 2), numeric: true },
    ], rows, req),
    downloads: [download(datasetTitle(req, 'skill-gaps'), 'skill-gaps', { region: req.filters.region, skill: req.code! })],
    wide: true,
  });
}

/** Class breaks of a count for the map: about the quartiles of the provinces asking for it, in two significant digits. */
export function countBreaks(values: number[]): number[] {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (positive.length === 0) return [1];
  const round = (v: number) => { const p = 10 ** Math.max(0, Math.floor(Math.log10(v)) - 1); return Math.max(1, Math.round(v / p) * p); };
  const at = (q: number) => round(positive[Math.min(positive.length - 1, Math.floor(q * positive.length))]);
  return [...new Set([at(0.25), at(0.5), at(0.75)])].sort((a, b) => a - b);
}

/** Where in Indonesia the skill is asked for: each province's demand on the map, most first in the table. */
function whereFigure(req: PageRequest, skill: SkillInfo): Promise<FigureView> {
  const { m, f } = req;
  const t = m.explore.skill.where;
  const title = fill(t.title, { period: f.month(req.filters.period) });
  const breaksOf = (rows: GapRow[]) => {
    const breaks = countBreaks(rows.map((r) => r.demand));
    return { breaks, colours: MAP_COLOURS.slice(MAP_COLOURS.length - breaks.length - 1) };
  };
  return figure(req, {
    id: 'skill-where', dataset: 'skill-gaps', filters: { period: req.filters.period, level: 'province', skill: skill.skill_id },
    title, caption: t.caption, tableCaption: t.tableCaption,
    columns: [{ column: 'region_name', label: m.common.province, href: (r) => skillUrl(skill.skill_id, { period: req.filters.period, region: r.region_code }) }, 'demand', 'supply', 'skill_ratio', { column: 'status', value: (r) => statusLabel(req, r) }],
    shown: (rows) => (rows.some((r) => r.demand > 0) ? rows : []),
    tableRows: (_, rows) => [...rows].sort((a, b) => b.demand - a.demand),
    empty: { none: t.none },
    chart: {
      kind: 'map',
      draw: (rows) => provinceMap(rows.map((r) => ({ code: r.region_code, name: r.region_name, value: r.demand })), { label: title, description: t.caption, formatValue: f.integer, missingLabel: m.common.withheld, ...breaksOf(rows) }),
      legend: (rows) => {
        const { breaks, colours } = breaksOf(rows);
        const labels = breaks.map((b, i) => (i === 0 ? `< ${f.integer(b)}` : `${f.integer(breaks[i - 1])} – < ${f.integer(b)}`)).concat(`≥ ${f.integer(breaks.at(-1)!)}`);
        return colours.map((colour, i) => ({ label: labels[i], colour }));
      },
    },
    wide: true,
  });
}

function occupationTitles(req: PageRequest): Record<string, string> {
  const groups = [...req.dims.isco.values()].filter((g) => g.level === 1);
  return Object.fromEntries(groups.map((g) => [g.code, req.lang === 'id' ? g.title_id : g.title_en]));
}

function skillTitles(req: PageRequest, context: ContextRow[]): Record<string, string> {
  const ids = context.filter((c) => c.kind === 'skill').map((c) => c.code);
  if (ids.length === 0) return {};
  const skills = [...req.dims.skills.values()];
  return Object.fromEntries(skills.map((s) => [s.skill_id, req.lang === 'id' ? s.label_id : s.label_en]));
}

/** Openings of the vacancies asking for the skill, by occupation major group, by sector, or by the other skills they ask for. */
function contextFigure(req: PageRequest, context: ContextRow[], kind: ContextRow['kind'], titles: Record<string, string>): FigureView {
  const { m, f } = req;
  const t = m.explore.skill[kind];
  const limit = kind === 'skill' ? 15 : 21;
  const rows = context.filter((c) => c.kind === kind).slice(0, limit);
  const label = (r: ContextRow) => (r.code === '' ? t.unknown : kind === 'skill' ? titles[r.code] ?? r.code : `${r.code} · ${titles[r.code] ?? r.code}`);
  const href = (r: ContextRow) => (r.code === '' ? undefined : kind === 'skill' ? skillHref(req, r.code) : kind === 'occupation' ? `/occupations/${r.code}?period=${req.filters.period}&region=${req.filters.region}` : `/gaps?period=${req.filters.period}&region=${req.filters.region}&sector=${r.code}`);
  const title = fill(t.title, { period: f.month(req.filters.period) });
  return withHowTo(req, 'bars', {
    id: `skill-${kind}`,
    title,
    caption: t.caption,
    ...chartOrEmpty(req, { rows, shown: rows.length, none: m.explore.skill.noVacancies }, () => barChart(rows.map((r) => ({ label: label(r), value: r.openings, colour: kind === 'skill' ? COLOURS.tertiary : kind === 'sector' ? COLOURS.quaternary : COLOURS.primary })), {
      label: title, description: t.caption, xLabel: m.explore.skill.openings, formatValue: f.integer, width: kind === 'skill' ? WIDTH.wide : WIDTH.normal,
    })),
    table: table(t.tableCaption, [
      { label: t.column, value: (r: ContextRow) => label(r), href },
      { label: m.explore.skill.openings, value: (r) => f.integer(r.openings), numeric: true },
    ], rows),
    downloads: [],
    // Occupations and sectors side by side; the other skills, the last of the three, across the page.
    ...(kind === 'skill' ? { wide: true } : {}),
  });
}

/** The catalogue's programmes that teach the skill, with what they would do in this month and region (training-recommendations). */
async function programmesSection(req: PageRequest, skill: SkillInfo): Promise<Section> {
  const { m, f } = req;
  const t = m.explore.skill.programmes;
  const programmes = await readRows<ProgrammeRow>(req.connection,
    'SELECT p.programme_id, p.name_id, p.name_en, p.hours FROM dim_programme p JOIN dim_programme_skill s USING (programme_id) WHERE s.skill_id = $skill ORDER BY p.programme_id', { skill: skill.skill_id });
  const filters = { period: req.filters.period, region: req.filters.region };
  const recommended = programmes.length ? await req.rows<RecommendationRow>('training-recommendations', filters) : [];
  const byId = new Map(recommended.map((r) => [r.programme_id, r]));
  const rows = programmes.map((p) => ({ ...p, ...(byId.get(p.programme_id) ?? { openings_fillable: null, seekers_unlocked: null, rank: null, withheld: '' }) }))
    .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.programme_id.localeCompare(b.programme_id));
  return {
    title: t.title,
    intro: programmes.length ? t.intro : t.none,
    table: table(t.title, [
      { label: m.columns.programme, value: (r: (typeof rows)[number]) => (req.lang === 'id' ? r.name_id : r.name_en) },
      { label: m.columns.hours, value: (r) => f.integer(r.hours), numeric: true },
      { label: m.columns.rank, key: 'rank', value: (r) => f.integer(r.rank), numeric: true },
      { label: m.columns.openings_fillable, key: 'openings_fillable', value: (r) => f.integer(r.openings_fillable), numeric: true },
      { label: m.columns.seekers_unlocked, key: 'seekers_unlocked', value: (r) => f.integer(r.seekers_unlocked), numeric: true },
    ], rows, req),
    downloads: programmes.length ? [download(datasetTitle(req, 'training-recommendations'), 'training-recommendations', filters)] : [],
  };
}
