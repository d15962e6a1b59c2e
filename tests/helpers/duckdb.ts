// A throwaway in-memory DuckDB for tests that query files.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export async function openMemoryDb(): Promise<{ connection: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return { connection, close: () => { connection.closeSync(); instance.closeSync(); } };
}

/** Rows as plain objects with BigInt turned into Number. */
export async function query(connection: DuckDBConnection, sql: string, params?: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql, params as never);
  return reader.getRowObjectsJS().map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
  ) as Record<string, unknown>[];
}
