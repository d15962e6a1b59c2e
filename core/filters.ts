// Query-string filters of every dataset (DESIGN §5), declared once in FILTERS: how a value
// is parsed (a zod schema, whose input side is also the OpenAPI parameter schema), which
// datasets take it, the where clause it adds, the dimension its codes must exist in, and
// what it does. Parsing, the query (core/query.ts), code checks, the datasets' filter lists
// (core/datasets.ts) and the OpenAPI document (server/routes/api.ts) all read this table.
// A malformed value is a 400 naming the parameter, a well-formed code that does not exist a 404.
import { z } from 'zod';
import type { DatasetDef } from './datasets.ts';
import type { Dimensions } from './dimensions.ts';
import { badRequest, notFound } from './errors.ts';

export interface FilterDef {
  /** Parses the value as given (trimmed); its message says what the value must be. */
  schema: z.ZodType<string, string>;
  /** The datasets that take it: every one, or these by name. */
  datasets: 'every' | readonly string[];
  /**
   * Its condition on a dataset's rows (alias m, the value bound as $<name>). Absent, or for
   * a dataset that lists it in computedFor, the filter is answered by the request-time
   * computation (core/sql/<dataset>_filtered.sql) instead.
   */
  where?: string;
  /** The codes it may name (a well-formed code not among them is a 404); a list value is checked code by code. */
  codes?: (dims: Dimensions) => ReadonlyMap<string, unknown>;
  /** What it does (English, for the OpenAPI document). */
  description: string;
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');

/** One of the values, with the message "must be a, b or c" (and why, when given). */
function oneOf<const T extends readonly [string, ...string[]]>(values: T, why?: string) {
  const list = values.length === 1 ? values[0] : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
  return z.enum(values, { error: `must be ${list}${why ? ` (${why})` : ''}` });
}

const SKILL_DATASETS = ['skill-gaps', 'skill-trends', 'upskilling-leverage'];
const EMPLOYMENT_DATASETS = ['labour-market-monthly', 'skill-gaps', 'skill-trends', 'occupation-demand'];

/** The filters in the order datasets list them (and error messages name them). */
const DECLARED = {
  period: { schema: month, datasets: 'every', where: 'm.period = $period', description: 'Month, YYYY-MM.' },
  from: { schema: month, datasets: 'every', where: 'm.period >= $from', description: 'First month, YYYY-MM.' },
  to: { schema: month, datasets: 'every', where: 'm.period <= $to', description: 'Last month, YYYY-MM.' },
  region: {
    schema: z.string().regex(/^(ID|\d{2}|\d{2}\.\d{2})$/, 'must be ID, a province code (32) or a regency code (32.73)'),
    datasets: 'every', where: 'm.region_code = $region', codes: (dims) => dims.region,
    description: 'ID, a province code (32) or a regency code (32.73).',
  },
  level: {
    schema: oneOf(['national', 'province', 'regency']),
    datasets: 'every', where: 'CAST(m.region_level AS VARCHAR) = $level', description: 'Only rows of this region level.',
  },
  parent: {
    schema: z.string().regex(/^(ID|\d{2})$/, 'must be ID (its provinces) or a province code such as 32 (its regencies)'),
    datasets: 'every', where: 'CAST(m.parent_code AS VARCHAR) = $parent', codes: (dims) => dims.region,
    description: 'Only the regions within this one: ID for the provinces, a province code for its regencies.',
  },
  skill: {
    schema: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*){0,19}$/, 'must be a skill id such as welding-smaw, or up to 20 separated by commas'),
    datasets: SKILL_DATASETS, where: "m.skill_id IN (SELECT unnest(string_split($skill, ',')))", codes: (dims) => dims.skills,
    description: 'Skill id, or up to 20 separated by commas.',
  },
  status: {
    schema: oneOf(['shortage', 'surplus', 'balanced', 'insufficient']),
    datasets: ['skill-gaps'], where: 'CAST(m.status AS VARCHAR) = $status', description: 'Only skills with this status.',
  },
  relative_status: {
    schema: oneOf(['relatively_scarce', 'relatively_abundant', 'balanced', 'insufficient']),
    datasets: ['skill-gaps'], where: 'CAST(m.relative_status AS VARCHAR) = $relative_status', description: 'Only skills with this relative status (imbalance index).',
  },
  emerging: {
    schema: oneOf(['true', 'false']),
    datasets: ['skill-trends'], where: 'CAST(m.emerging AS VARCHAR) = $emerging', description: 'Only emerging (true) or other (false) skills.',
  },
  sector: {
    // A lower-case letter is accepted and read as the upper-case section.
    schema: z.string().regex(/^[A-Ua-u]$/, 'must be a KBLI 2020 section letter A–U').transform((v) => v.toUpperCase()),
    datasets: ['skill-gaps'], description: 'KBLI 2020 section letter.',
  },
  occupation: {
    schema: z.string().regex(/^\d{1,4}$/, 'must be an ISCO-08 code of 1 to 4 digits'),
    // the code and the groups within it
    datasets: ['skill-gaps', 'occupation-demand'], where: "m.isco_code LIKE $occupation || '%'", codes: (dims) => dims.isco,
    description: 'ISCO-08 code, 1–4 digits.',
  },
  isco_level: {
    schema: oneOf(['1', '2', '3', '4'], 'digits of the ISCO code'),
    datasets: ['occupation-demand'], where: 'CAST(m.isco_level AS VARCHAR) = $isco_level', description: 'Only occupation groups of this level (digits of the ISCO code).',
  },
  dimension: {
    schema: oneOf(['gender', 'age_group', 'education', 'disability', 'area_type']),
    datasets: ['seeker-profile'], where: 'CAST(m.dimension AS VARCHAR) = $dimension', description: 'Only this profile dimension.',
  },
  employment_type: {
    schema: oneOf(['full-time', 'part-time', 'contract', 'apprenticeship', 'internship']),
    datasets: EMPLOYMENT_DATASETS, description: 'Employment type.',
  },
} as const satisfies Record<string, FilterDef>;

export type FilterName = keyof typeof DECLARED;
export const FILTERS: Readonly<Record<FilterName, FilterDef>> = DECLARED;
export const FILTER_NAMES = Object.keys(FILTERS) as FilterName[];

export type Filters = Partial<Record<FilterName, string>>;

/** The filters a dataset takes, in FILTERS order (core/datasets.ts fills each declaration's `filters` with it). */
export function filtersOf(dataset: string): FilterName[] {
  return FILTER_NAMES.filter((name) => { const { datasets } = FILTERS[name]; return datasets === 'every' || datasets.includes(dataset); });
}

/** The where clause of each filter given that the dataset's table answers (not its request-time computation). */
export function whereClauses(dataset: Pick<DatasetDef, 'computedFor'>, filters: Filters): { where: string[]; params: Filters } {
  const where: string[] = [];
  const params: Filters = {};
  for (const name of FILTER_NAMES) {
    const clause = FILTERS[name].where;
    const value = filters[name];
    if (value === undefined || !clause || (dataset.computedFor ?? []).includes(name)) continue;
    where.push(clause);
    params[name] = value;
  }
  return { where, params };
}

/** Check that the codes the filters name exist in the data version's dimensions (404 naming the parameter otherwise). */
export function checkCodes(filters: Filters, dims: Dimensions): void {
  for (const name of FILTER_NAMES) {
    const known = FILTERS[name].codes?.(dims);
    const value = filters[name];
    if (!known || value === undefined) continue;
    for (const code of value.split(',')) if (!known.has(code)) throw notFound(`unknown ${name}: "${code}"`, name);
  }
}

/** The OpenAPI (JSON Schema 2020-12) schema of a filter's value: the input side of its zod schema. */
export function filterJsonSchema(name: FilterName): Record<string, unknown> {
  const { $schema: _, ...schema } = z.toJSONSchema(FILTERS[name].schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return schema;
}

/** Sort and row limit of a download or page figure: "exactly the rows shown". */
export interface Slice { sort?: string[]; limit?: number }

export const MAX_SLICE_LIMIT = 1000;

export function parseSlice(query: Record<string, unknown>): Slice {
  const slice: Slice = {};
  if (query.sort !== undefined) {
    if (typeof query.sort !== 'string' || query.sort === '') throw badRequest('sort must be given once, with column names', 'sort');
    slice.sort = query.sort.split(',').map((s) => s.trim()).filter(Boolean);
  }
  if (query.limit !== undefined) {
    const limit = Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SLICE_LIMIT) throw badRequest(`invalid limit: "${query.limit}" (a whole number from 1 to ${MAX_SLICE_LIMIT})`, 'limit');
    slice.limit = limit;
  }
  return slice;
}

/** Parameters that are not data filters but are accepted on every data URL. */
const PRESENTATION = new Set(['lang']);

export function parseFilters(dataset: Pick<DatasetDef, 'name' | 'filters'>, query: Record<string, unknown>, extra: readonly string[] = []): Filters {
  const filters: Filters = {};
  for (const [name, raw] of Object.entries(query)) {
    if (PRESENTATION.has(name) || extra.includes(name)) continue;
    if (!Object.hasOwn(FILTERS, name)) throw badRequest(`unknown parameter "${name}" (known: ${[...dataset.filters, 'lang', ...extra].join(', ')})`, name);
    const filter = name as FilterName;
    if (!dataset.filters.includes(filter)) throw badRequest(`filter "${name}" is not available for dataset ${dataset.name} (available: ${dataset.filters.join(', ')})`, name);
    if (typeof raw !== 'string' || raw === '') throw badRequest(`${name} must be given once, with a value`, name);
    const parsed = FILTERS[filter].schema.safeParse(raw.trim());
    if (!parsed.success) throw badRequest(`invalid ${name}: "${raw}" (${parsed.error.issues[0]?.message})`, name);
    filters[filter] = parsed.data;
  }
  if (filters.period && (filters.from || filters.to)) throw badRequest('give either period or from/to, not both', 'period');
  if (filters.from && filters.to && filters.from > filters.to) throw badRequest(`from (${filters.from}) is after to (${filters.to})`, 'from');
  return filters;
}
