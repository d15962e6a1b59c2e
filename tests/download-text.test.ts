// The text DuckDB writes for a download's values (server/download-text.ts) is the text the
// JavaScript writers wrote: String(number) for doubles of every magnitude, JSON.stringify
// for strings with quotes and control characters, neutraliseFormula for text a spreadsheet
// would run. Values go in through an appender, so no SQL literal stands between.
import { DuckDBTypeId } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnDef } from '../core/datasets.ts';
import { csvFieldSql, jsNumberSql, jsonSelectList, type TypedColumn } from '../server/download-text.ts';
import { neutraliseFormula } from '../server/formats.ts';
import { openMemoryDb, query } from './helpers/duckdb.ts';

let db: Awaited<ReturnType<typeof openMemoryDb>>;
beforeAll(async () => { db = await openMemoryDb(); });
afterAll(() => db?.close());

const column = (name: string, type: ColumnDef['type'], typeId: DuckDBTypeId): TypedColumn => ({ def: { name, type } as ColumnDef, typeId });

async function load(table: string, type: 'DOUBLE' | 'VARCHAR', values: (number | string | null)[]): Promise<void> {
  await db.connection.run(`CREATE OR REPLACE TABLE ${table} (i INTEGER, v ${type})`);
  const appender = await db.connection.createAppender(table);
  values.forEach((v, i) => {
    appender.appendInteger(i);
    if (v === null) appender.appendNull();
    else if (typeof v === 'number') appender.appendDouble(v);
    else appender.appendVarchar(v);
    appender.endRow();
  });
  appender.closeSync();
}

const texts = async (table: string, expression: string) => (await query(db.connection, `SELECT ${expression} AS t FROM ${table} m ORDER BY i`)).map((r) => r.t);

describe('numbers', () => {
  // Exact edges of each form (integer, fixed, exponent) and a spread over 600 orders of magnitude.
  const edges = [0, -0, 1, -1, 2, 100, 0.1, 1 / 3, -2 / 3, 1e-7, -1e-7, 1.5e-5, 1e-6, 1.5e-6, 9.99e-7, 1e-4, 9.99e-5, 0.000123,
    999999999999999.9, 1e15, 1e15 + 2, 1e16, -1e16, 2 ** 53, 2 ** 53 + 2, 1e20, 123456789012345680000, 1e21, 1.5e21, 5e-324, 1e-300, 1e300, 1.7976931348623157e308];
  const spread = Array.from({ length: 3000 }, (_, i) => (i % 2 ? -1 : 1) * ((i * 7919) % 1000 + 1) / 997 * 10 ** ((i % 61) - 30));
  const rounded = Array.from({ length: 500 }, (_, i) => Math.round(((i * 104729) % 100000) / 7) / 10 ** (i % 9));

  it('reads as JavaScript writes them', async () => {
    const values = [...edges, ...spread, ...rounded];
    await load('numbers', 'DOUBLE', values);
    expect(await texts('numbers', jsNumberSql('m.v'))).toEqual(values.map((v) => String(v)));
  });

  it('in CSV: empty when null, a decimal comma in the Excel variant', async () => {
    await load('few', 'DOUBLE', [null, 2, 0.25, 1e-7]);
    const number = column('v', 'number', DuckDBTypeId.DOUBLE);
    expect(await texts('few', csvFieldSql(number, false))).toEqual([null, '2', '0.25', '1e-7']);
    expect(await texts('few', csvFieldSql(number, true))).toEqual([null, '2', '0,25', '1e-7']);
  });

  it('in JSON: as JSON.stringify writes them (null for NaN and infinities)', async () => {
    const values = [null, 2, 0.25, 1e-7, -1e21, Number.NaN, Number.POSITIVE_INFINITY];
    await load('json_numbers', 'DOUBLE', values);
    const lines = await texts('json_numbers', jsonSelectList([column('v', 'number', DuckDBTypeId.DOUBLE)]).replace(/ AS line$/, ''));
    expect(lines).toEqual(values.map((v) => `${JSON.stringify({ v })},`));
  });
});

describe('text', () => {
  const values = [null, '', 'Welder', 'a"b', 'a,b;c', 'back\\slash', 'line\nbreak\r', 'é ü 中文 😀', '\u2028\u2029', '/slash',
    "=cmd|' /C calc'!A0", '+SUM(A1)', '-1+1', '@x', '\tTab', '\rCR', ' =not at the start',
    ...Array.from({ length: 32 }, (_, i) => `x${String.fromCharCode(i)}y`), 'del\u007f'];

  it('in CSV: neutralised as neutraliseFormula does, empty (null) for null and empty text', async () => {
    await load('words', 'VARCHAR', values);
    expect(await texts('words', csvFieldSql(column('v', 'text', DuckDBTypeId.VARCHAR), false)))
      .toEqual(values.map((v) => (v === null || v === '' ? null : neutraliseFormula(v))));
  });

  it('in JSON: as JSON.stringify writes a row', async () => {
    await load('words', 'VARCHAR', values);
    const lines = await texts('words', jsonSelectList([column('v', 'text', DuckDBTypeId.VARCHAR)]).replace(/ AS line$/, ''));
    expect(lines).toEqual(values.map((v) => `${JSON.stringify({ v })},`));
  });
});
