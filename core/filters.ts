// Query-string filters of every dataset (DESIGN §5), validated once: a malformed value is
// a 400 naming the parameter, a well-formed code that does not exist a 404.
import { z } from 'zod';
import type { DatasetDef, FilterName } from './datasets.ts';
import { badRequest } from './errors.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');

const SCHEMAS: Record<FilterName, z.ZodType<string>> = {
  period: month,
  from: month,
  to: month,
  region: z.string().regex(/^(ID|\d{2}|\d{2}\.\d{2})$/, 'must be ID, a province code (32) or a regency code (32.73)'),
  sector: z.string().transform((v) => v.toUpperCase()).pipe(z.string().regex(/^[A-U]$/, 'must be a KBLI 2020 section letter A–U')),
  occupation: z.string().regex(/^\d{1,4}$/, 'must be an ISCO-08 code of 1 to 4 digits'),
  level: z.enum(['national', 'province', 'regency'], { error: 'must be national, province or regency' }),
  parent: z.string().regex(/^(ID|\d{2})$/, 'must be ID (its provinces) or a province code such as 32 (its regencies)'),
  isco_level: z.enum(['1', '2', '3', '4'], { error: 'must be 1, 2, 3 or 4 (digits of the ISCO code)' }),
  skill: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*){0,19}$/, 'must be a skill id such as welding-smaw, or up to 20 separated by commas'),
  emerging: z.enum(['true', 'false'], { error: 'must be true or false' }),
  dimension: z.enum(['gender', 'age_group', 'education', 'disability', 'area_type'], { error: 'must be gender, age_group, education, disability or area_type' }),
  status: z.enum(['shortage', 'surplus', 'balanced', 'insufficient'], { error: 'must be shortage, surplus, balanced or insufficient' }),
  relative_status: z.enum(['relatively_scarce', 'relatively_abundant', 'balanced', 'insufficient'], { error: 'must be relatively_scarce, relatively_abundant, balanced or insufficient' }),
  employment_type: z.enum(['full-time', 'part-time', 'contract', 'apprenticeship', 'internship'], { error: 'must be full-time, part-time, contract, apprenticeship or internship' }),
};

export type Filters = Partial<Record<FilterName, string>>;

/**
 * Filters on a published column, applied after withholding so that sibling groups stay
 * whole (filtering before would change which cells are withheld): filter → column.
 */
export const ROW_FILTERS: Partial<Record<FilterName, string>> = {
  level: 'region_level', parent: 'parent_code', status: 'status', relative_status: 'relative_status', emerging: 'emerging', isco_level: 'isco_level', dimension: 'dimension',
};

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
    if (!(name in SCHEMAS)) throw badRequest(`unknown parameter "${name}" (known: ${[...dataset.filters, 'lang', ...extra].join(', ')})`, name);
    const filter = name as FilterName;
    if (!dataset.filters.includes(filter)) throw badRequest(`filter "${name}" is not available for dataset ${dataset.name} (available: ${dataset.filters.join(', ')})`, name);
    if (typeof raw !== 'string' || raw === '') throw badRequest(`${name} must be given once, with a value`, name);
    const parsed = SCHEMAS[filter].safeParse(raw.trim());
    if (!parsed.success) throw badRequest(`invalid ${name}: "${raw}" (${parsed.error.issues[0]?.message})`, name);
    filters[filter] = parsed.data;
  }
  if (filters.period && (filters.from || filters.to)) throw badRequest('give either period or from/to, not both', 'period');
  if (filters.from && filters.to && filters.from > filters.to) throw badRequest(`from (${filters.from}) is after to (${filters.to})`, 'from');
  return filters;
}
