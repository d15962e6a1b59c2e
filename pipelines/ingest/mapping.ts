// Per-source mapping files (data/mappings/<source>.yaml) for extracts whose layout is not
// the canonical one: header map (a header, a path into a JSON / Python-literal object
// column, or a list column reduced to one value), constants, value maps, missing-value
// markers, date order, skills-list syntax, and how to make an id when the source has none.
// Validated on load; a bad mapping names the file and the key.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../core/config.ts';
import { COLUMNS, KINDS, type Kind } from './kinds.ts';

export const MAPPINGS_DIR = path.join(PROJECT_ROOT, 'data', 'mappings');

/** How a list-valued cell becomes one value: its first item, the lowest education level listed, or all items joined. */
export const REDUCERS = ['first', 'lowest', 'all'] as const;

/**
 * Where a canonical column comes from: a header ("Nama Jabatan"), a header and a path into
 * the object it holds ("perusahaan.nama_kabupaten"), or the long form for lists:
 * `{ column: jenjang, item: value, reduce: lowest }`.
 */
const columnSource = z.union([
  z.string().min(1),
  z.object({
    column: z.string().min(1),
    path: z.string().min(1).optional(),
    item: z.string().min(1).optional(),
    reduce: z.enum(REDUCERS).optional(),
    separator: z.string().min(1).optional(),
  }).strict(),
]);
export type ColumnSource = z.output<typeof columnSource>;

const mappingSchema = z.object({
  source: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a lowercase name (a-z, 0-9, _ or -)'),
  kind: z.enum(KINDS),
  description: z.string().optional(),
  files: z.array(z.string().min(1)).min(1),
  columns: z.record(z.string(), columnSource).default({}),
  constants: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).default({}),
  values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  missing_values: z.array(z.string()).default([]),
  date_order: z.enum(['dmy', 'mdy']).default('dmy'),
  list_syntax: z.enum(['delimited', 'python']).default('delimited'),
  id_from: z.array(z.string()).optional(),
  delimiter: z.enum([',', ';', '|', '\t']).optional(),
  encoding: z.enum(['utf-8', 'windows-1252', 'latin-1']).optional(),
  /** How the source writes numbers: id (1.000 = one thousand, 2,5) or en (1,000 and 2.5); detected per column when absent. */
  number_locale: z.enum(['id', 'en']).optional(),
  sheet: z.string().optional(),
});

export type Mapping = z.output<typeof mappingSchema> & { file: string };

const EDUCATION_COLUMNS = new Set(['education_min', 'education_level']);

export class MappingError extends Error {}

export function loadMappings(dir: string = MAPPINGS_DIR): Mapping[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => parseMapping(path.join(dir, f)));
}

export function parseMapping(file: string): Mapping {
  const where = path.relative(PROJECT_ROOT, file);
  let raw: unknown;
  try {
    raw = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MappingError(`${where}: not valid YAML (${(error as Error).message})`);
  }
  const parsed = mappingSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MappingError(`${where}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const mapping = { ...parsed.data, file };
  const known = new Set(COLUMNS[mapping.kind].map((c) => c.name));
  for (const section of ['columns', 'constants', 'values'] as const) {
    for (const name of Object.keys(mapping[section])) {
      if (!known.has(name)) throw new MappingError(`${where}: ${section}.${name}: not a ${mapping.kind} column (known: ${[...known].join(', ')})`);
    }
  }
  for (const [name, source] of Object.entries(mapping.columns)) {
    if (typeof source === 'object' && source.reduce === 'lowest' && !EDUCATION_COLUMNS.has(name)) {
      throw new MappingError(`${where}: columns.${name}.reduce: "lowest" takes the lowest education level of a list; ${name} is not an education column (use first or all)`);
    }
    if (typeof source === 'object' && source.item !== undefined && source.reduce === undefined) {
      throw new MappingError(`${where}: columns.${name}: item "${source.item}" reads a list; say how to reduce it (reduce: ${REDUCERS.join(' | ')})`);
    }
  }
  if (path.basename(file).replace(/\.ya?ml$/, '') !== mapping.source) {
    throw new MappingError(`${where}: source is "${mapping.source}" but the file is named ${path.basename(file)}; name it ${mapping.source}.yaml`);
  }
  return mapping;
}

/** The mapping whose `files` patterns match the file name (case-insensitive globs). */
export function findMapping(mappings: Mapping[], fileName: string): Mapping | null {
  const name = path.basename(fileName).toLowerCase();
  return mappings.find((m) => m.files.some((pattern) => globToRegExp(pattern.toLowerCase()).test(name))) ?? null;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

export type { Kind };
