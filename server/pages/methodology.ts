// `/methodology`: DESIGN §4 in words, from core/methodology.ts — the same source the marts
// are built from — with the constants this warehouse was actually built with.
import { rows as readRows } from '../../core/duckdb.ts';
import { definitions, METHODOLOGY } from '../../core/methodology.ts';
import { table, type PageDef, type PageRequest, type Section } from './page.ts';

export const methodologyPage: PageDef = {
  path: '/methodology',
  nav: 'methodology',
  filters: [],
  async load(req) {
    const { m, f, lang } = req;
    const meta = new Map((await readRows<{ key: string; value: string }>(req.connection, 'SELECT key, value FROM meta')).map((r) => [r.key, r.value]));
    const number = (key: string, fallback: number) => (meta.has(key) ? Number(meta.get(key)) : fallback);
    const constants = {
      theta: number('theta', METHODOLOGY.theta),
      minCell: req.minCell,
      vacancyValidityDays: number('vacancy_validity_days', METHODOLOGY.vacancyValidityDays),
      seekerValidityDays: number('seeker_validity_days', METHODOLOGY.seekerValidityDays),
      disclosure: meta.get('disclosure') === 'round' ? 'round' as const : 'suppress' as const,
    };
    const c = m.pages.methodology.constants;
    const rows = [
      { name: c.theta, value: f.decimal(constants.theta, 2) },
      { name: c.minCell, value: f.integer(constants.minCell) },
      { name: c.vacancyValidity, value: f.integer(constants.vacancyValidityDays) },
      { name: c.seekerValidity, value: f.integer(constants.seekerValidityDays) },
      { name: c.imbalance, value: `ln 1,5 = ${f.decimal(METHODOLOGY.imbalanceThreshold, 3)}`.replace('1,5', f.decimal(1.5, 1)) },
      { name: c.insufficient, value: f.integer(METHODOLOGY.insufficientBelow) },
      { name: c.rankingVolume, value: f.integer(METHODOLOGY.rankingMinVolume) },
      { name: c.smallBase, value: f.integer(METHODOLOGY.smallBase) },
      { name: c.emerging, value: `${f.percent(METHODOLOGY.emergingGrowth, 0)} · ${f.integer(METHODOLOGY.emergingMinOpenings)}` },
      { name: c.matching, value: meta.get('matching') === 'computed' ? m.pages.methodology.computed : m.pages.methodology.skipped },
    ];
    return {
      title: m.pages.methodology.title,
      intro: m.pages.methodology.intro,
      definitions: definitions(constants).map((d) => ({ id: d.key, title: d.title[lang], formula: lang === 'id' ? d.formulaId : d.formula, text: d.text[lang] })),
      sections: [{ title: c.title, table: table(c.title, [{ label: c.name, value: (r: (typeof rows)[number]) => r.name }, { label: c.value, value: (r) => r.value, numeric: true }], rows), downloads: [] }, await coverageSection(req)],
    };
  },
};

/**
 * The coverage figures of the run that built this warehouse (the run table: titles coded,
 * skills found, regions placed), for every reader and not only in /admin: a low share means
 * the other pages' figures cover part of the data.
 */
async function coverageSection(req: PageRequest): Promise<Section> {
  const { m, f } = req;
  const t = m.explore.coverage;
  const [run] = await readRows<{ coverage: string | null }>(req.connection, "SELECT coverage::VARCHAR AS coverage FROM run WHERE status IN ('succeeded', 'partial') ORDER BY started_at DESC LIMIT 1");
  const coverage = run?.coverage ? (JSON.parse(run.coverage) as Record<string, number | null>) : {};
  const names = t.names as Record<string, string>;
  const rows = Object.entries(coverage).map(([key, value]) => ({ name: names[key] ?? key, value: value === null ? m.marks.noData : key.endsWith('_share') ? f.percent(value, 1) : f.integer(value) }));
  return {
    title: t.title,
    intro: rows.length ? t.intro : t.none,
    table: table(t.title, [{ label: t.name, value: (r: (typeof rows)[number]) => r.name }, { label: t.value, value: (r) => r.value, numeric: true }], rows),
    downloads: [],
  };
}
