import { describe, expect, it } from 'vitest';
import { normalizeText, splitList } from '../core/text.ts';

describe('normalizeText', () => {
  it.each([
    ['  Café  Crème ', 'cafe creme'],
    ['D-III', 'd iii'],
    ['Kota Adm. Jakarta Pusat', 'kota adm jakarta pusat'],
    ['C++ / C# / .NET', 'cpp csharp dotnet'],
    ['Node.js', 'node js'],
    ['abc#', 'abc'],
    ['PENGELASAN (SMAW)', 'pengelasan smaw'],
  ])('%s → %s', (input, expected) => expect(normalizeText(input)).toBe(expected));
});

describe('splitList', () => {
  it('splits on | and drops blanks', () => expect(splitList(' a | b ||c ')).toEqual(['a', 'b', 'c']));
});

describe('the SQL normalisation (s_norm in pipelines/sql/macros.sql)', () => {
  it('agrees with normalizeText, so skills lists matched in SQL and free text matched in JS meet', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const { runSqlFile, rows } = await import('../core/duckdb.ts');
    const path = await import('node:path');
    const { SQL_DIR } = await import('../pipelines/ingest/file.ts');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await runSqlFile(connection, path.join(SQL_DIR, 'macros.sql'));
    const samples = ['  Café  Crème ', 'C++ / C# / .NET', 'Ms. Office', 'Node.js', 'PENGELASAN (SMAW)', 'Bahasa Inggris—aktif', 'UI/UX', 'abc#', 'ASP.NET Core'];
    for (const sample of samples) {
      const [row] = await rows<{ v: string }>(connection, 'SELECT s_norm($s) AS v', { s: sample });
      expect(row.v, sample).toBe(normalizeText(sample));
    }
    connection.closeSync();
    instance.closeSync();
  });
});
