// The counsellor's desk over HTTP: /match (the form and the answer), /match/print (one A4
// page to hand over) and /api/v1/match (the same as JSON). What is typed is personal data:
// every answer is `Cache-Control: no-store` with no Referer sent on, nothing is kept in the
// page cache, nothing of the query is logged (errors log the path only). The index is built
// once per data version when the warehouse is published or opened (onPublish), never by a
// search; it holds everything a search shows (core/match.ts), so a search leases no DuckDB
// connection and runs no query. SINERGI_MATCH_DESK: public, staff (signed in as for /admin)
// or off.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { badRequest, HttpError, notFound } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import { createMatchIndexCache, loadMatchIndex, matchProfile, SORT_KEYS, vacancyDetails, type MatchIndex, type MatchIndexCache, type MatchOptions, type MatchResult, type SortKey, type VacancyDetail } from '../../core/match.ts';
import { createMatchReader, type MatchQuery } from '../../core/match-input.ts';
import type { Reference } from '../../core/reference.ts';
import { fill, format, messages, resolveLang } from '../i18n.ts';
import { MATCH_PAGE_SIZE, matchAnswer, matchForm, type MatchView } from '../pages/match.ts';
import type { Renderer } from '../render.ts';
import type { WarehouseReader } from '../warehouse.ts';
import { isSignedIn } from './admin.ts';
import { layoutContext } from './layout.ts';

export type MatchDeskMode = 'public' | 'staff' | 'off';

export interface MatchDeps {
  warehouse: WarehouseReader;
  renderer: Renderer;
  reference: Reference;
  minCell: number;
  mode: MatchDeskMode;
  /** The admin token staff sign in with (staff mode). */
  adminToken?: string;
  index?: MatchIndexCache;
  /** Where the index build is reported (time and size; never anything typed). */
  logger?: Logger;
}

export interface MatchDesk { pages: Router; api: RequestHandler }

const FORM_PARAMS = ['skills', 'education', 'region', 'regency', 'occupation', 'employment_type', 'period'];
const PAGE_PARAMS = [...FORM_PARAMS, 'sort', 'page', 'lang'];
const API_PARAMS = [...FORM_PARAMS, 'sort', 'limit', 'cursor', 'lang'];
export const MATCH_API_DEFAULT_LIMIT = 20;
export const MATCH_API_MAX_LIMIT = 1000;
const NEAR_SHOWN = 20;
const PRINT_VACANCIES = 10;

interface Answer { parsed: MatchQuery; result: MatchResult; period: string; areaName: string }
/** The index of the current data version, with the version and date of the file it was built from. */
interface Desk { index: MatchIndex; version: string; asOf: Date }

export function matchDesk(deps: MatchDeps): MatchDesk {
  const reader = createMatchReader(deps.reference);
  const index = deps.index ?? createMatchIndexCache();
  const built = new WeakMap<MatchIndex, { version: string; asOf: Date }>();
  const indexOf = (version: string): Promise<MatchIndex> => index.get(version, () => deps.warehouse.withConnection(async (s) => {
    const fresh = await loadMatchIndex(s.connection, deps.reference.trainingProgrammes, await deps.warehouse.dimensions.get(s.version, s.connection));
    built.set(fresh, { version: s.version, asOf: s.asOf });
    deps.logger?.info({ version: s.version, vacancies: fresh.size, postings: fresh.build.postings, seconds: Number((fresh.build.ms / 1000).toFixed(2)), mb: Math.round(fresh.build.bytes / 1e6) }, 'match index built');
    return fresh;
  }));
  // Built as soon as a warehouse is published or opened, not by the first search.
  if (deps.mode !== 'off') {
    deps.warehouse.onPublish((version) => { indexOf(version).catch((error: unknown) => deps.logger?.error({ err: error }, 'building the match index failed')); });
  }
  /** The current data version's index: no connection is leased once it is built. */
  const desk = async (): Promise<Desk> => {
    const { version } = await deps.warehouse.snapshot();
    const ready = await indexOf(version);
    return { index: ready, ...built.get(ready)! };
  };
  const skillById = new Map(deps.reference.skills.map((s) => [s.id, s]));
  const programmeNames = new Map(deps.reference.trainingProgrammes.map((p) => [p.id, p]));

  /** Validate, resolve and match (only the vacancies shown come back in full); every problem is an HttpError naming the parameter. */
  const answer = (query: Record<string, string>, ready: MatchIndex, shown: MatchOptions): Answer => {
    const parsed = reader.read(query);
    const period = readPeriod(query.period, ready.periods);
    const matched = matchProfile(ready, {
      skills: parsed.skillIds, educationRank: parsed.educationRank, period,
      province: parsed.province, regency: parsed.regency, occupation: parsed.occupation, employmentType: parsed.employmentType,
    }, shown);
    const area = parsed.province === null ? undefined : ready.regionNames.get(parsed.regency ?? parsed.province);
    return { parsed, result: matched, period, areaName: area ?? 'Indonesia' };
  };

  const guard = (req: Request, res: Response) => {
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', Vary: 'Cookie' });
    if (deps.mode === 'off') throw notFound('the counsellor\'s desk is off (SINERGI_MATCH_DESK=off)');
    if (deps.mode === 'staff' && !(deps.adminToken && isSignedIn(req, deps.adminToken))) {
      throw new HttpError(401, deps.adminToken ? 'the counsellor\'s desk is for signed-in staff: sign in on /admin first' : 'the counsellor\'s desk is for staff, but staff sign-in is off (set SINERGI_ADMIN_TOKEN)');
    }
  };

  const pages = Router();
  pages.get(['/match', '/match/print'], async (req, res) => {
    const lang = resolveLang(req, res);
    const m = messages(lang);
    const f = format(lang);
    const print = req.path === '/match/print';
    const title = print ? m.match.printTitle : m.match.title;
    res.set('Content-Language', lang);
    try {
      guard(req, res);
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 401) throw error;
      const view: MatchView = { intro: '', form: emptyForm(), staffOnly: true };
      res.status(401).type('html').send(deps.renderer.render('match', { ...layoutContext(lang, req, 'match', title, deps.minCell), match: view } as never));
      return;
    }
    const query = textQuery(req);
    const { index: ready, asOf } = await desk();
    const periods = ready.periods;
    const submitted = FORM_PARAMS.some((k) => k in query);
    const view: MatchView = { intro: fill(m.match.intro, { theta: f.percent(ready.theta, 0) }), form: emptyForm() };
    let period = periods.at(-1) ?? '';
    try {
      unknownParameters(query, PAGE_PARAMS);
      if (submitted) {
        const sort = readSort(query.sort);
        const page = readPage(query.page);
        const a = answer(query, ready, print
          ? { sort, qualifiedWindow: { offset: 0, limit: PRINT_VACANCIES }, nearLimit: 0 }
          : { sort, qualifiedWindow: { offset: (page - 1) * MATCH_PAGE_SIZE, limit: MATCH_PAGE_SIZE }, nearLimit: NEAR_SHOWN });
        period = a.period;
        const details = detailMap(ready, [...a.result.qualified, ...a.result.nearMisses].map((x) => x.vid));
        const occupationTitles = ready.iscoTitles;
        if (page > 1 && a.result.qualified.length === 0) throw badRequest(`page ${page} is past the last page of qualified vacancies`, 'page');
        const result = print ? { ...a.result, programmes: a.result.programmes.slice(0, 5) } : a.result;
        view.answer = matchAnswer({ query, path: req.path, parsed: a.parsed, result, details, page: print ? 1 : page, sort, period: a.period, areaName: a.areaName, asOf, skillById, programmeNames, occupationTitles, nearShown: NEAR_SHOWN }, lang, m, f);
      }
    } catch (error) {
      if (!(error instanceof HttpError) || error.status >= 500) throw error;
      res.status(400);
      view.error = { heading: m.match.problem, message: error.message };
      view.answer = undefined;
    }
    view.form = matchForm({ query, periods, period, regions: ready.regions, isco: ready.isco.filter((r) => r.level <= 2) }, deps.reference, lang, m, f);
    const context = { ...layoutContext(lang, req, 'match', title, deps.minCell, { asOf, periods }), match: view };
    res.type('html').end(deps.renderer.render(print && view.answer ? 'match-print' : 'match', context as never));
  });

  const api: RequestHandler = async (req, res) => {
    guard(req, res);
    const query = textQuery(req);
    unknownParameters(query, API_PARAMS);
    const limit = query.limit === undefined ? MATCH_API_DEFAULT_LIMIT : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MATCH_API_MAX_LIMIT) throw badRequest(`invalid limit: "${query.limit}" (a whole number from 1 to ${MATCH_API_MAX_LIMIT})`, 'limit');
    const offset = query.cursor === undefined ? 0 : decodeCursor(query.cursor);
    const sort = readSort(query.sort);
    const { index: ready, asOf } = await desk();
    const a = answer(query, ready, { sort, qualifiedWindow: { offset, limit }, nearLimit: limit });
    const qualified = a.result.qualified;
    const near = a.result.nearMisses;
    const details = detailMap(ready, [...qualified, ...near].map((x) => x.vid));
    const vacancy = (x: MatchResult['qualified'][number], withMissing: boolean) => {
      const d = details.get(x.vid)!;
      return {
        source: d.source, vacancy_id: d.vacancy_id, job_title: d.job_title, occupation_code: d.occupation_code, occupation_title_id: d.occupation_title_id, occupation_title_en: d.occupation_title_en,
        sector_code: d.sector_code, province_code: d.province_code, regency_code: d.regency_code, regency_name: d.regency_name, openings: d.openings,
        employment_type: d.employment_type, salary_min: d.salary_min, salary_max: d.salary_max, posted_date: d.posted_date, expiry_date: d.expiry_date,
        coverage: x.coverage, shared_skills: x.shared, required_skills: x.kCount, ...(withMissing ? { missing_skills: x.missing } : {}),
      };
    };
    const next = offset + limit < a.result.qualifiedTotal ? nextLink(req.originalUrl, encodeCursor(offset + limit)) : null;
    res.type('json').end(JSON.stringify({
      as_of: asOf.toISOString(), period: a.period, theta: ready.theta,
      profile: {
        education: a.parsed.education, region: a.parsed.regency ?? a.parsed.province ?? 'ID', occupation: a.parsed.occupation, employment_type: a.parsed.employmentType,
        recognised: a.parsed.recognised.map((r) => ({ input: r.input, skills: r.skills.map((s) => ({ skill_id: s.id, label_id: s.labelId, label_en: s.labelEn, transversal: s.transversal })) })),
        unrecognised: a.parsed.unrecognised.map((u) => ({ input: u.input, suggestions: u.suggestions.map((s) => ({ skill_id: s.id, label_id: s.labelId, label_en: s.labelEn })) })),
      },
      active_vacancies: a.result.active,
      qualified: { total: a.result.qualifiedTotal, rows: qualified.map((x) => vacancy(x, false)), next },
      near_misses: { total: a.result.nearTotal, rows: near.map((x) => vacancy(x, true)) },
      unlocking_skills: a.result.unlockingSkills.map((s) => ({ skill_id: s.skillId, vacancies_unlocked: s.vacancies, openings_unlocked: s.openings })),
      programmes: a.result.programmes.map((p) => ({ programme_id: p.programmeId, name_id: programmeNames.get(p.programmeId)?.nameId ?? null, name_en: programmeNames.get(p.programmeId)?.nameEn ?? null, hours: p.hours, skills: p.skills, vacancies_unlocked: p.vacancies, vacancies_unlocked_per_100h: p.perHundredHours })),
      occupations: a.result.occupations.map((o) => ({ isco_code: o.code, qualified: o.qualified, near_misses: o.nearMiss, active_vacancies: o.vacancies, skills_asked: o.skills.map((s) => ({ skill_id: s.skillId, share_of_vacancies: s.share, held: s.held })) })),
    }));
  };

  return { pages, api };
}

function detailMap(index: MatchIndex, vids: number[]): Map<number, VacancyDetail> {
  return new Map(vacancyDetails(index, [...new Set(vids)]).map((d) => [d.vid, d]));
}

function emptyForm(): MatchView['form'] {
  return { skills: '', maxSkills: 0, skillsHint: '', education: [], provinces: [], regencies: [], occupations: [], employmentTypes: [], periods: [], datalist: [] };
}

/** The query as strings (a repeated parameter is a 400). */
function textQuery(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.query as Record<string, unknown>)) {
    if (typeof value !== 'string') throw badRequest(`parameter ${key} given more than once`, key);
    out[key] = value;
  }
  return out;
}

function unknownParameters(query: Record<string, string>, known: string[]): void {
  for (const key of Object.keys(query)) if (!known.includes(key)) throw badRequest(`unknown parameter "${key}" (known: ${known.join(', ')})`, key);
}

function readPeriod(value: string | undefined, periods: string[]): string {
  if (value === undefined || value === '') {
    const latest = periods.at(-1);
    if (!latest) throw notFound('the warehouse holds no months of data yet');
    return latest;
  }
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw badRequest(`invalid period: "${value.slice(0, 20)}" (YYYY-MM)`, 'period');
  if (!periods.includes(value)) throw badRequest(`no data for period ${value} (data covers ${periods[0]} to ${periods.at(-1)})`, 'period');
  return value;
}

function readSort(value: string | undefined): SortKey {
  if (value === undefined || value === '') return 'coverage';
  if (!(SORT_KEYS as string[]).includes(value)) throw badRequest(`invalid sort: "${value.slice(0, 20)}" (${SORT_KEYS.join(', ')})`, 'sort');
  return value as SortKey;
}

function readPage(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const page = Number(value);
  if (!Number.isInteger(page) || page < 1 || page > 100_000) throw badRequest(`invalid page: "${value.slice(0, 20)}"`, 'page');
  return page;
}

const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const m = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw badRequest(`invalid cursor: "${cursor.slice(0, 40)}" (use the "next" link of the previous page)`, 'cursor');
  return Number(m[1]);
}

function nextLink(url: string, cursor: string): string {
  const [path, search = ''] = url.split('?');
  const params = new URLSearchParams(search);
  params.set('cursor', cursor);
  return `${path}?${params.toString()}`;
}

/** The desk's entry in the OpenAPI document (server/routes/api.ts). */
export function matchOpenApi(): Record<string, unknown> {
  const error = { $ref: '#/components/schemas/Error' };
  const text = (description: string, extra: Record<string, unknown> = {}) => ({ in: 'query', required: false, schema: { type: 'string', ...extra }, description });
  const vacancy = {
    type: 'object',
    properties: Object.fromEntries(['source', 'vacancy_id', 'job_title', 'occupation_code', 'occupation_title_id', 'occupation_title_en', 'sector_code', 'province_code', 'regency_code', 'regency_name', 'employment_type', 'posted_date', 'expiry_date']
      .map((k): [string, unknown] => [k, { type: ['string', 'null'] }]).concat([['openings', { type: 'integer' }], ['salary_min', { type: ['number', 'null'] }], ['salary_max', { type: ['number', 'null'] }], ['coverage', { type: 'number' }], ['shared_skills', { type: 'integer' }], ['required_skills', { type: 'integer' }], ['missing_skills', { type: 'array', items: { type: 'string' } }]] as [string, unknown][])),
  };
  return {
    get: {
      operationId: 'match_job_seeker',
      summary: "Counsellor's desk: one job seeker's matches, near misses and training",
      description: "One job seeker's skills, education and area against the active vacancies of a month, with the matching rule of the methodology (education met and coverage ≥ θ; a near miss is one skill short; transversal skills left out). Vacancies in the province unless a regency is given; region=ID searches the whole country. Personal data: answered with Cache-Control: no-store, never stored or logged.",
      parameters: [
        { name: 'skills', ...text('Skills as free text in Indonesian or English, separated by commas or new lines; at most 50.'), required: true },
        { name: 'education', ...text('Education level: SD, SMP, SMA, SMK, D1, D2, D3, D4, S1, S2, S3 (common spellings accepted).'), required: true },
        { name: 'region', ...text('ID (default), a province code (32) or a regency code (32.73); names are resolved.') },
        { name: 'regency', ...text('A regency code within the province.') },
        { name: 'occupation', ...text('Preferred occupation: an ISCO-08 code of 1–4 digits (a prefix).', { pattern: '^\\d{1,4}$' }) },
        { name: 'employment_type', ...text('Employment type.', { enum: ['full-time', 'part-time', 'contract', 'apprenticeship', 'internship'] }) },
        { name: 'period', ...text('Month, YYYY-MM; the latest by default.', { pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }) },
        { name: 'sort', ...text('Order of qualified vacancies.', { enum: SORT_KEYS }) },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: MATCH_API_MAX_LIMIT, default: MATCH_API_DEFAULT_LIMIT }, description: 'Qualified vacancies per page (and near misses returned).' },
        { name: 'cursor', ...text('The page after the one whose "next" link gave it.') },
      ],
      responses: {
        200: {
          description: 'The matches.',
          headers: { 'Cache-Control': { schema: { type: 'string', const: 'no-store' } } },
          content: { 'application/json': { schema: { type: 'object', required: ['as_of', 'period', 'theta', 'profile', 'qualified', 'near_misses', 'unlocking_skills', 'programmes', 'occupations'], properties: {
            as_of: { type: 'string', format: 'date-time' }, period: { type: 'string' }, theta: { type: 'number' }, profile: { type: 'object' }, active_vacancies: { type: 'integer' },
            qualified: { type: 'object', properties: { total: { type: 'integer' }, rows: { type: 'array', items: vacancy }, next: { type: ['string', 'null'] } } },
            near_misses: { type: 'object', properties: { total: { type: 'integer' }, rows: { type: 'array', items: vacancy } } },
            unlocking_skills: { type: 'array', items: { type: 'object' } }, programmes: { type: 'array', items: { type: 'object' } }, occupations: { type: 'array', items: { type: 'object' } },
          } } } },
        },
        400: { description: 'Bad parameter: no skills, more than 50, unknown education or region.', content: { 'application/json': { schema: error } } },
        401: { description: 'The desk is for signed-in staff (SINERGI_MATCH_DESK=staff).', content: { 'application/json': { schema: error } } },
        404: { description: 'The desk is off.', content: { 'application/json': { schema: error } } },
        429: { description: 'Too many requests.', content: { 'application/json': { schema: error } } },
      },
    },
  };
}

