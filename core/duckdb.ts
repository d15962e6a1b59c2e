// Small helpers over @duckdb/node-api: typed parameters for lists and structs (the API
// cannot infer their types), rows as plain objects with BigInt turned into Number, and
// running the statements of our .sql files.
import fs from 'node:fs';
import { LIST, STRUCT, VARCHAR, listValue, structValue, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

export interface Param { value: DuckDBValue; type?: DuckDBType }

export const textList = (items: readonly string[]): Param => ({ value: listValue(items), type: LIST(VARCHAR) });

export const textStruct = (entries: Readonly<Record<string, string>>): Param => ({
  value: structValue(entries),
  type: STRUCT(Object.fromEntries(Object.keys(entries).map((k) => [k, VARCHAR]))),
});

type Params = Record<string, Param | string | number | boolean | null>;

/** Values and types of the parameters the statement mentions ($name): a prepared statement refuses others. */
function split(sql: string, params: Params): [Record<string, DuckDBValue>, Record<string, DuckDBType | undefined>] {
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType | undefined> = {};
  for (const [name, p] of Object.entries(params)) {
    if (!new RegExp(`\\$${name}\\b`).test(sql)) continue;
    if (p !== null && typeof p === 'object' && 'value' in p) { values[name] = p.value; types[name] = p.type; }
    else values[name] = p as DuckDBValue;
  }
  return [values, types];
}

export async function run(connection: DuckDBConnection, sql: string, params: Params = {}): Promise<void> {
  const [values, types] = split(sql, params);
  await connection.run(sql, values, types);
}

export async function rows<T = Record<string, unknown>>(connection: DuckDBConnection, sql: string, params: Params = {}): Promise<T[]> {
  const [values, types] = split(sql, params);
  const reader = await connection.runAndReadAll(sql, values, types);
  return reader.getRowObjectsJS().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v;
    return out as T;
  });
}

/** Double the quotes of an identifier that comes from a file header, for use inside "…". */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Run the statements of a .sql file in order, each with the parameters it mentions. */
export async function runSqlFile(connection: DuckDBConnection, file: string, params: Params = {}): Promise<void> {
  for (const statement of splitStatements(fs.readFileSync(file, 'utf8'))) await run(connection, statement, params);
}

/** Statements of a file whose only comments are `--` lines and whose statements end with `;` at a line end. */
export function splitStatements(sql: string): string[] {
  const withoutComments = sql.split('\n').map((line) => line.replace(/^\s*--.*$/, '').replace(/\s--\s.*$/, '')).join('\n');
  return withoutComments.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * Append rows (null for NULL) to an existing table through DuckDB's appender. Numbers go
 * in as DOUBLE, or as INTEGER with `integers`. `table` may name its database ("work.lk_region").
 */
export async function appendRows(connection: DuckDBConnection, table: string, data: (string | number | boolean | null)[][], options: { integers?: boolean } = {}): Promise<void> {
  const [database, name] = table.includes('.') ? table.split('.', 2) : [undefined, table];
  const appender = await connection.createAppender(name, database ? 'main' : undefined, database);
  for (const row of data) {
    for (const value of row) {
      if (value === null) appender.appendNull();
      else if (typeof value === 'boolean') appender.appendBoolean(value);
      else if (typeof value === 'number') { if (options.integers) appender.appendInteger(value); else appender.appendDouble(value); }
      else appender.appendVarchar(value);
    }
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}
