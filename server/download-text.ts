// The text of a download's values written by DuckDB, as SQL select lists over a dataset
// query's source (m): the same characters the row-by-row JavaScript writers wrote
// (String(value), JSON.stringify, neutraliseFormula), so a CSV or JSON download keeps its
// bytes while no row goes through a JavaScript object. Each value's text follows its
// DuckDB type (from the query run for no rows, typedColumns); text columns are neutralised.
import { DuckDBTypeId, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { ColumnDef } from '../core/datasets.ts';

/** A published column with the type DuckDB gives it in the query. */
export interface TypedColumn { def: ColumnDef; typeId: DuckDBTypeId }

/** SQL quoting of an identifier and of a string literal (both from our own declarations). */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The published columns with their DuckDB types, from the query run with its parameters for
 * no rows (LIMIT 0: planned, nothing read). A statement only prepared does not know its
 * columns' types when they rest on a parameter (the request-time sources: by sector,
 * occupation group or employment type).
 */
export async function typedColumns(connection: DuckDBConnection, sql: string, params: Record<string, DuckDBValue>, columns: ColumnDef[]): Promise<TypedColumn[]> {
  const result = await connection.run(`SELECT * FROM (${sql}) LIMIT 0`, params);
  const types = new Map(result.columnNames().map((name, i) => [name, result.columnTypeId(i)]));
  return columns.map((def) => {
    const typeId = types.get(def.name);
    if (typeId === undefined) throw new Error(`the query has no column ${def.name}`);
    return { def, typeId };
  });
}

const INTEGERS = new Set([DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT, DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT, DuckDBTypeId.UHUGEINT]);
const FLOATS = new Set([DuckDBTypeId.DOUBLE, DuckDBTypeId.FLOAT, DuckDBTypeId.DECIMAL]);
/** A numeric column as a DOUBLE (what JavaScript had: a number), cast only when it is not one. */
const asDouble = (column: TypedColumn, x: string) => (column.typeId === DuckDBTypeId.DOUBLE ? x : `CAST(${x} AS DOUBLE)`);

type Kind = 'integer' | 'float' | 'boolean' | 'text';
function kindOf(column: TypedColumn): Kind {
  if (INTEGERS.has(column.typeId)) return 'integer';
  if (FLOATS.has(column.typeId)) return 'float';
  if (column.typeId === DuckDBTypeId.BOOLEAN) return 'boolean';
  if (column.typeId === DuckDBTypeId.VARCHAR) return 'text';
  // A date or a nested value would need its own rule (JavaScript wrote a Date as ISO text): none is published.
  throw new Error(`${column.def.name}: no download text for DuckDB type ${DuckDBTypeId[column.typeId]}`);
}

/**
 * A DOUBLE as JavaScript's String(number) writes it. DuckDB writes the same shortest
 * digits but not always in the same form: "2.0" for 2, "1.5e-05" for 0.000015, "1e+16" for
 * 10000000000000000, "1e-07" for 1e-7, "nan" and "inf".
 */
export function jsNumberSql(x: string): string {
  const text = `CAST(${x} AS VARCHAR)`;
  const digits = `replace(regexp_extract(${text}, '^-?([0-9.]+)e', 1), '.', '')`;
  const exponent = `CAST(regexp_extract(${text}, 'e([-+][0-9]+)$', 1) AS INTEGER)`;
  const sign = `CASE WHEN ${x} < 0 THEN '-' ELSE '' END`;
  return `CASE
    WHEN ${x} IS NULL THEN NULL
    WHEN isnan(${x}) THEN 'NaN'
    WHEN isinf(${x}) THEN CASE WHEN ${x} > 0 THEN 'Infinity' ELSE '-Infinity' END
    WHEN ${x} = 0 THEN '0'
    WHEN abs(${x}) < 1e15 AND ${x} = trunc(${x}) THEN CAST(CAST(${x} AS BIGINT) AS VARCHAR)
    WHEN abs(${x}) >= 1e-4 AND abs(${x}) < 1e15 THEN ${text}
    WHEN abs(${x}) >= 1e21 THEN ${text}
    WHEN abs(${x}) >= 1e15 AND NOT contains(${text}, 'e') THEN regexp_replace(${text}, '\\.0$', '')
    WHEN abs(${x}) >= 1e15 THEN ${sign} || ${digits} || repeat('0', ${exponent} - length(${digits}) + 1)
    WHEN abs(${x}) >= 1e-6 THEN ${sign} || '0.' || repeat('0', -${exponent} - 1) || ${digits}
    ELSE regexp_replace(${text}, 'e-0*', 'e-')
  END`;
}

/** "=cmd", "+SUM(…)", "-1", "@x", a leading tab or CR get a leading ' (neutraliseFormula in SQL). */
const neutralisedSql = (text: string) => `CASE WHEN left(${text}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || ${text} ELSE ${text} END`;

/**
 * A value as the text of a CSV field, unquoted; NULL when the field is empty (a withheld or
 * missing value, or empty text), so DuckDB's CSV writer leaves it empty rather than writing "".
 * Excel's variant writes a decimal comma in fractional numbers (JavaScript numbers only: not BIGINT).
 */
export function csvFieldSql(column: TypedColumn, excel: boolean): string {
  const x = `m.${ident(column.def.name)}`;
  const kind = kindOf(column);
  let text: string;
  if (kind === 'float') text = excel ? `replace(${jsNumberSql(asDouble(column, x))}, '.', ',')` : jsNumberSql(asDouble(column, x));
  else text = `CAST(${x} AS VARCHAR)`;
  return `nullif(${column.def.type === 'text' ? neutralisedSql(text) : text}, '')`;
}

/** The select list of a row's CSV fields (for COPY … TO; the header is written apart). */
export function csvSelectList(columns: TypedColumn[], excel: boolean): string {
  return columns.map((c, i) => `${csvFieldSql(c, excel)} AS c${i}`).join(', ');
}

/**
 * A string as JSON.stringify writes it. DuckDB's to_json escapes the same characters but
 * writes a control character's \\u escape in capitals (\\u001F): lowered when there is one.
 */
function jsonStringSql(x: string): string {
  const json = `CAST(to_json(${x}) AS VARCHAR)`;
  const lowered = ['0B', '0E', '0F', '1A', '1B', '1C', '1D', '1E', '1F'].reduce((sql, hex) => `replace(${sql}, '\\u00${hex}', '\\u00${hex.toLowerCase()}')`, json);
  return `CASE WHEN regexp_matches(${x}, '[\\x00-\\x1f]') THEN ${lowered} ELSE ${json} END`;
}

/** A value as JSON.stringify writes it in a row of jsonRow (BIGINT as a number, null for NULL, NaN and infinities). */
function jsonValueSql(column: TypedColumn): string {
  const x = `m.${ident(column.def.name)}`;
  switch (kindOf(column)) {
    case 'integer': return `coalesce(${jsNumberSql(asDouble(column, x))}, 'null')`;
    case 'float': return `CASE WHEN isnan(${x}) OR isinf(${x}) THEN 'null' ELSE coalesce(${jsNumberSql(asDouble(column, x))}, 'null') END`;
    case 'boolean': return `coalesce(CAST(${x} AS VARCHAR), 'null')`;
    case 'text': return `coalesce(${jsonStringSql(x)}, 'null')`;
  }
}

/** The select list of one line per row: the text JSON.stringify(jsonRow(row)) writes, then a comma. */
export function jsonSelectList(columns: TypedColumn[]): string {
  const parts = columns.map((c, i) => `${literal(`${i === 0 ? '{' : ','}${JSON.stringify(c.def.name)}:`)} || ${jsonValueSql(c)}`);
  return `${parts.join(' || ')} || '},' AS line`;
}
