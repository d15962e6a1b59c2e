// Bench step: DuckDB's bare read_csv of the same extracts, every column read into a
// temporary table (the floor any ingestion of these files stands on).
import { DuckDBInstance } from '@duckdb/node-api';
import { reportStep } from '../measure.ts';

const { files } = JSON.parse(process.argv[2]) as { files: string[] };
const instance = await DuckDBInstance.create(':memory:', { memory_limit: '3GB' });
const connection = await instance.connect();
const started = performance.now();
let rows = 0;
for (const [i, file] of files.entries()) {
  await connection.run(`CREATE TEMP TABLE t${i} AS SELECT * FROM read_csv($file, header = true, all_varchar = true)`, { file });
  const reader = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM t${i}`);
  rows += Number(reader.getRowObjects()[0].n);
  await connection.run(`DROP TABLE t${i}`);
}
reportStep({ rows, seconds: (performance.now() - started) / 1000 });
