// From a raw table (the source's headers) to a stage table with the canonical columns of
// DESIGN §2: headers matched case- and accent-insensitively against canonical names and
// their aliases (or a mapping's header map), constants and value maps applied, missing-
// value markers turned into NULL, direct identifiers dropped. A file that lacks a
// required column is rejected whole, naming the column and the headers it has.
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier, run, textList } from '../../core/duckdb.ts';
import { COLUMNS, KINDS, headerKey, isDirectIdentifier, type Kind } from './kinds.ts';
import type { Mapping } from './mapping.ts';
import { RejectedFile, type RawTable } from './read.ts';

/** Cell values that mean "no value" in every extract. */
export const MISSING_VALUES = ['', 'N/A', 'n/a', 'NA', '#N/A', 'null', 'NULL', 'None', '-', '—', '?'];

export interface StageResult {
  table: string;
  kind: Kind;
  source: string;
  /** canonical column → source header it came from (or "(constant)"). */
  matched: Record<string, string>;
  droppedColumns: string[];
  ignoredColumns: string[];
}

export async function stageRaw(connection: DuckDBConnection, raw: RawTable, file: string, kind: Kind, mapping: Mapping | null): Promise<StageResult> {
  const specs = COLUMNS[kind];
  const byKey = new Map(raw.headers.map((h) => [headerKey(h), h]));
  const matched: Record<string, string> = {};
  const used = new Set<string>();

  for (const spec of specs) {
    const wanted = mapping?.columns[spec.name];
    const header = wanted !== undefined
      ? byKey.get(headerKey(wanted))
      : [spec.name, ...spec.aliases].map((a) => byKey.get(headerKey(a))).find((h) => h !== undefined && !used.has(h));
    if (wanted !== undefined && header === undefined) {
      throw new RejectedFile(file, `mapping ${mapping!.source}: column "${wanted}" (for ${spec.name}) not found; the file's headers are: ${raw.headers.join(', ')}`);
    }
    if (header !== undefined) { matched[spec.name] = header; used.add(header); }
    else if (mapping?.constants[spec.name] !== undefined) matched[spec.name] = '(constant)';
  }

  const idFrom = mapping?.id_from;
  const idColumn = kind === 'vacancies' ? 'vacancy_id' : 'seeker_id';
  if (idFrom) {
    for (const h of idFrom) if (!byKey.has(headerKey(h))) throw new RejectedFile(file, `mapping ${mapping!.source}: id_from column "${h}" not found; the file's headers are: ${raw.headers.join(', ')}`);
    matched[idColumn] = `(hash of ${idFrom.join(', ')})`;
  }
  const missing = specs.filter((s) => s.required && matched[s.name] === undefined);
  if (missing.length > 0) throw new RejectedFile(file, missingColumnsMessage(kind, missing.map((m) => m.name), raw.headers));

  const droppedColumns = raw.headers.filter((h) => !used.has(h) && isDirectIdentifier(h));
  const ignoredColumns = raw.headers.filter((h) => !used.has(h) && !droppedColumns.includes(h) && !(idFrom ?? []).some((c) => headerKey(c) === headerKey(h)));
  const table = 'stage';
  const missingMarkers = [...MISSING_VALUES, ...(mapping?.missing_values ?? [])];
  const params: Record<string, ReturnType<typeof textList> | string> = { missing: textList(missingMarkers) };
  const clean = (expr: string) => `CASE WHEN trim(${expr}) IN (SELECT unnest($missing)) THEN NULL ELSE trim(${expr}) END`;

  const expressions = specs.map((spec, i) => {
    let expr = 'NULL::VARCHAR';
    const header = matched[spec.name];
    if (spec.name === idColumn && idFrom) {
      expr = `md5(concat_ws('|', ${idFrom.map((h) => `coalesce(${quoteIdentifier(byKey.get(headerKey(h))!)}, '')`).join(', ')}))`;
    } else if (header && header !== '(constant)') {
      expr = clean(quoteIdentifier(header));
    } else if (mapping?.constants[spec.name] !== undefined) {
      params[`c${i}`] = mapping.constants[spec.name];
      expr = `$c${i}::VARCHAR`;
    }
    const valueMap = mapping?.values[spec.name];
    if (valueMap && Object.keys(valueMap).length > 0) {
      params[`vk${i}`] = textList(Object.keys(valueMap));
      params[`vv${i}`] = textList(Object.values(valueMap));
      // Value maps compare case-insensitively: "fullTime" and "FULLTIME" are one spelling.
      expr = `coalesce(list_extract($vv${i}, list_position(list_transform($vk${i}, k -> lower(k)), lower(${expr}))), ${expr})`;
    }
    if (spec.name === 'source') expr = `coalesce(${expr}, $default_source)`;
    return `${expr} AS ${spec.name}`;
  });
  params.default_source = mapping?.source ?? 'default';
  const tooMany = raw.extraColumns.length > 0 ? raw.extraColumns.map((c) => `${quoteIdentifier(c)} IS NOT NULL`).join(' OR ') : 'false';

  await run(connection, `CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(table)} AS
    SELECT (rowid + ${raw.firstLine})::BIGINT AS line, (${tooMany}) AS __too_many_fields, ${expressions.join(', ')} FROM ${quoteIdentifier(raw.table)}`, params);
  return { table, kind, source: mapping?.source ?? 'default', matched, droppedColumns, ignoredColumns };
}

/** Names the missing columns with their accepted names; hints at the kind the headers fit. */
function missingColumnsMessage(kind: Kind, missing: string[], headers: string[]): string {
  const accepted = missing.map((name) => {
    const spec = COLUMNS[kind].find((s) => s.name === name)!;
    return `${name} (or ${spec.aliases.slice(0, 4).join(', ')})`;
  });
  const keys = new Set(headers.map(headerKey));
  const fits = KINDS.filter((k) => k !== kind && COLUMNS[k].filter((s) => s.required).every((s) => [s.name, ...s.aliases].some((a) => keys.has(headerKey(a)))));
  const hint = fits.length > 0 ? `; the headers look like a ${fits[0]} extract` : '';
  return `required column${missing.length > 1 ? 's' : ''} ${accepted.join('; ')} not found for a ${kind} extract${hint}; the file's headers are: ${headers.join(', ') || '(none)'}`;
}
