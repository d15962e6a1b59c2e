// A throwaway in-memory DuckDB for tests that query files.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { rows } from '../../core/duckdb.ts';

export async function openMemoryDb(): Promise<{ connection: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return { connection, close: () => { connection.closeSync(); instance.closeSync(); } };
}

export const query = (connection: DuckDBConnection, sql: string, params: Record<string, string | number | boolean | null> = {}) => rows(connection, sql, params);
