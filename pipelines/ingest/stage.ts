// From a raw table (the source's headers) to work.stage with the canonical columns of
// DESIGN §2: headers matched case- and accent-insensitively against canonical names and
// their aliases (or a mapping's header map), constants and value maps applied, missing-
// value markers turned into NULL, direct identifiers dropped. A file that lacks a
// required column is rejected whole, naming the column and the headers it has.
// A mapping may name a path into a JSON or Python-literal object column
// ("perusahaan.nama_kabupaten") and reduce a list column (first, lowest, all): DuckDB reads
// them (macro s_pyjson, json_extract_string); a cell that is no such object is flagged
// (__unreadable) and its row quarantined by the validation.
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier, rows, run, textList } from '../../core/duckdb.ts';
import { COLUMNS, KINDS, KIND_SPECS, headerKey, isDirectIdentifier, type Kind } from './kinds.ts';
import type { ColumnSource, Mapping, REDUCERS } from './mapping.ts';
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
  const specs = KIND_SPECS[kind].columns;
  const byKey = new Map(raw.headers.map((h) => [headerKey(h), h]));
  const matched: Record<string, string> = {};
  const nested: Record<string, NestedSource> = {};
  const used = new Set<string>();

  for (const spec of specs) {
    const wanted = mapping?.columns[spec.name];
    const source = wanted !== undefined ? resolveSource(wanted, byKey) : null;
    const header = wanted !== undefined
      ? source?.header
      : [spec.name, ...spec.aliases].map((a) => byKey.get(headerKey(a))).find((h) => h !== undefined && !used.has(h));
    if (wanted !== undefined && header === undefined) {
      const named = typeof wanted === 'string' ? wanted : wanted.column;
      throw new RejectedFile(file, `mapping ${mapping!.source}: column "${named}" (for ${spec.name}) not found; the file's headers are: ${raw.headers.join(', ')}`);
    }
    if (source && (source.path || source.reduce)) nested[spec.name] = source;
    if (header !== undefined) { matched[spec.name] = header; used.add(header); }
    else if (mapping?.constants[spec.name] !== undefined) matched[spec.name] = '(constant)';
  }

  const idFrom = mapping?.id_from;
  const idColumn = KIND_SPECS[kind].idColumn;
  if (idFrom) {
    for (const h of idFrom) if (!byKey.has(headerKey(h))) throw new RejectedFile(file, `mapping ${mapping!.source}: id_from column "${h}" not found; the file's headers are: ${raw.headers.join(', ')}`);
    matched[idColumn] = `(hash of ${idFrom.join(', ')})`;
  }
  const missing = specs.filter((s) => s.required && matched[s.name] === undefined);
  if (missing.length > 0) throw new RejectedFile(file, missingColumnsMessage(kind, missing.map((m) => m.name), raw.headers));

  const droppedColumns = raw.headers.filter((h) => !used.has(h) && isDirectIdentifier(h));
  const ignoredColumns = raw.headers.filter((h) => !used.has(h) && !droppedColumns.includes(h) && !(idFrom ?? []).some((c) => headerKey(c) === headerKey(h)));
  const table = 'work.stage';
  const missingMarkers = [...MISSING_VALUES, ...(mapping?.missing_values ?? [])];
  const params: Record<string, ReturnType<typeof textList> | string> = { missing: textList(missingMarkers) };
  // A constant list, not a subquery: `IN (SELECT unnest($missing))` made one join per column.
  const clean = (expr: string) => `CASE WHEN list_contains($missing, trim(${expr})) THEN NULL ELSE trim(${expr}) END`;

  if (Object.values(nested).some((n) => n.reduce === 'lowest')) {
    // Education spellings with their rank (lookups.ts createStaticLookups), for "lowest".
    const ranks = await rows<{ spelling: string; rank: string }>(connection, "SELECT spelling, lpad(rank::VARCHAR, 2, '0') AS rank FROM lk_education_rank");
    params.rank_keys = textList(ranks.map((r) => r.spelling));
    params.rank_values = textList(ranks.map((r) => r.rank));
  }

  const expressions = specs.map((spec, i) => {
    let expr = 'NULL::VARCHAR';
    const header = matched[spec.name];
    const valueMap = mapping?.values[spec.name];
    const source = nested[spec.name];
    if (source) {
      expr = clean(nestedExpression(source, i, params, valueMap));
    } else if (spec.name === idColumn && idFrom) {
      expr = `md5(concat_ws('|', ${idFrom.map((h) => `coalesce(${quoteIdentifier(byKey.get(headerKey(h))!)}, '')`).join(', ')}))`;
    } else if (header && header !== '(constant)') {
      expr = clean(quoteIdentifier(header));
    } else if (mapping?.constants[spec.name] !== undefined) {
      params[`c${i}`] = mapping.constants[spec.name];
      expr = `$c${i}::VARCHAR`;
    }
    if (!source?.reduce && valueMap && Object.keys(valueMap).length > 0) {
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
  const unreadable = unreadableExpressions(nested);

  await run(connection, `CREATE OR REPLACE TABLE ${table} AS
    SELECT (rowid + ${raw.firstLine})::BIGINT AS line, (${tooMany}) AS __too_many_fields,
      ${unreadable.column} AS __unreadable, ${unreadable.value} AS __unreadable_value, ${expressions.join(', ')} FROM ${raw.table}`, params);
  return { table, kind, source: mapping?.source ?? 'default', matched, droppedColumns, ignoredColumns };
}

/** A mapping column read from inside a cell: the header, a path into its object, how a list is reduced. */
interface NestedSource { header: string; path: string | null; item: string | null; reduce: (typeof REDUCERS)[number] | null; separator: string }

/** The header a mapping names for a column and the path inside it: "perusahaan.nama_kabupaten" is header "perusahaan", path "nama_kabupaten" (a header that itself has a dot wins). */
function resolveSource(wanted: ColumnSource, byKey: Map<string, string>): NestedSource | null {
  const long = typeof wanted === 'string' ? { column: wanted } : wanted;
  const rest = { item: long.item ?? null, reduce: long.reduce ?? null, separator: long.separator ?? '; ' };
  const direct = byKey.get(headerKey(long.column));
  if (direct !== undefined) return { header: direct, path: long.path ?? null, ...rest };
  const dot = long.column.indexOf('.');
  const header = dot > 0 ? byKey.get(headerKey(long.column.slice(0, dot))) : undefined;
  if (header === undefined) return null;
  const inner = long.column.slice(dot + 1);
  return { header, path: long.path ? `${inner}.${long.path}` : inner, ...rest };
}

/** A JSON path with every key quoted: "a.nama kab" → $."a"."nama kab". */
function jsonPath(path: string | null): string {
  return '$' + (path ? path.split('.').map((key) => `."${key.replace(/"/g, '\\"')}"`).join('') : '');
}

/**
 * The SQL of a nested source. A path is read with json_extract_string from the cell as
 * JSON (a Python literal converted first, s_pyjson). A list is taken item by item (an
 * item's field when `item` is given; a cell that is a plain word is a one-item list), each
 * item through the value map, then reduced: first, all (joined), or lowest (the education
 * level of lowest rank; ties and unknown levels keep the order listed).
 */
function nestedExpression(source: NestedSource, i: number, params: Record<string, unknown>, valueMap: Record<string, string> | undefined): string {
  const cell = quoteIdentifier(source.header);
  const json = `s_pyjson(trim(${cell}))`;
  params[`np${i}`] = jsonPath(source.path);
  if (!source.reduce) return `CASE WHEN json_valid(${json}) THEN json_extract_string(${json}, $np${i}) END`;
  params[`ni${i}`] = `${jsonPath(source.path)}[*]${source.item ? jsonPath(source.item).slice(1) : ''}`;
  params[`nf${i}`] = jsonPath(source.item ? [source.path, source.item].filter(Boolean).join('.') : source.path);
  let items = `CASE WHEN NOT json_valid(${json}) THEN ${source.path ? 'NULL::VARCHAR[]' : `[trim(${cell})]`}
    WHEN json_type(${json}, $np${i}) = 'ARRAY' THEN json_extract_string(${json}, $ni${i})
    ELSE [json_extract_string(${json}, $nf${i})] END`;
  items = `list_filter(list_transform(${items}, x -> trim(x)), x -> x IS NOT NULL AND x <> '' AND NOT list_contains($missing, x))`;
  if (valueMap && Object.keys(valueMap).length > 0) {
    params[`vk${i}`] = textList(Object.keys(valueMap).map((k) => k.toLowerCase()));
    params[`vv${i}`] = textList(Object.values(valueMap));
    items = `list_transform(${items}, x -> coalesce(list_extract($vv${i}, list_position($vk${i}, lower(x))), x))`;
  }
  switch (source.reduce) {
    case 'first': return `(${items})[1]`;
    case 'all': params[`ns${i}`] = source.separator; return `nullif(array_to_string(${items}, $ns${i}), '')`;
    case 'lowest': return `split_part(list_sort(list_transform(${items}, (x, n) ->
      coalesce(list_extract($rank_values, list_position($rank_keys, s_norm(x))), '99') || lpad(n::VARCHAR, 4, '0') || chr(31) || x))[1], chr(31), 2)`;
  }
}

/** The first canonical column whose cell is no JSON or Python literal where the mapping reads inside it, and that cell. */
function unreadableExpressions(nested: Record<string, NestedSource>): { column: string; value: string } {
  const checks = Object.entries(nested).filter(([, n]) => n.path !== null).map(([name, n]) => {
    const cell = quoteIdentifier(n.header);
    return { name, cell, when: `${cell} IS NOT NULL AND trim(${cell}) <> '' AND NOT list_contains($missing, trim(${cell})) AND NOT json_valid(s_pyjson(trim(${cell})))` };
  });
  if (checks.length === 0) return { column: 'NULL::VARCHAR', value: 'NULL::VARCHAR' };
  return {
    column: `CASE ${checks.map((c) => `WHEN ${c.when} THEN '${c.name}'`).join(' ')} END`,
    value: `CASE ${checks.map((c) => `WHEN ${c.when} THEN left(${c.cell}, 200)`).join(' ')} END`,
  };
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
