// The extract reader on the hardest CSV layout it meets (issue 10): a 200 MB file of long
// quoted multi-line descriptions with `""` escapes and rows with fewer fields, which
// DuckDB's parallel scanner refuses. Figure: the reader's rows/s (scan + read, as an
// ingest runs it) against DuckDB's bare read_csv of the same file with parallel = false
// and null_padding = true, the least it needs to read the file whole (its sniffer
// chooses the dialect; without null padding the short rows fail the read).
// Run alone: node --import tsx bench/sections/hostile-ingest.ts --scale 0.1 (a 20 MB file; npm run bench uses 200 MB)
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { PROJECT_ROOT } from '../../core/config.ts';
import { readRaw } from '../../pipelines/ingest/read.ts';

export interface BenchRow { benchmark: string; figure: string; target: string; ok: boolean | null }

/** Writes the multi-line CSV (bytes ≈ 200 MB × scale); returns its data rows. */
export async function writeMultilineCsv(file: string, bytes: number): Promise<number> {
  const out = fs.createWriteStream(file);
  out.write('id_lowongan,tanggal_posting,judul_lowongan,provinsi,jumlah_lowongan,deskripsi\n');
  let written = 0;
  let rows = 0;
  while (written < bytes) {
    const i = rows++;
    const line = i % 5 === 4
      ? `M${i},2025-0${1 + (i % 9)}-1${i % 10},Kasir,32\n`
      : `M${i},2025-0${1 + (i % 9)}-1${i % 10},"Staf ""Admin"" Gudang ${i % 97}",3${i % 8},${1 + (i % 4)},"Tanggung jawab:\n- Mencatat stok ""masuk"" dan keluar; membuat laporan harian.\n- ${'Menguasai Microsoft Excel dan SAP. '.repeat(8 + (i % 13))}\nPersyaratan: SMK/D3, ""siap"" kerja shift."\n`;
    written += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
  return rows;
}

export async function benchHostileIngest(options: { scale: number; out?: string }): Promise<BenchRow[]> {
  const dir = path.join(options.out ?? path.join(PROJECT_ROOT, 'bench', 'out'), 'hostile-ingest');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'work'), { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'lowongan_multiline.csv');
  const rows = await writeMultilineCsv(file, Math.round(200e6 * options.scale));
  const megabytes = fs.statSync(file).size / 1e6;
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '4GB' });
  const connection = await instance.connect();
  const bare: number[] = [];
  const reader: number[] = [];
  let readRows = 0;
  let bareRows = 0;
  try {
    for (let round = 0; round < 2; round++) {
      let t = performance.now();
      await connection.run('CREATE OR REPLACE TEMP TABLE bare AS SELECT * FROM read_csv($file, parallel = false, null_padding = true)', { file });
      bare.push((performance.now() - t) / 1000);
      bareRows = Number((await connection.runAndReadAll('SELECT count(*) AS n FROM bare')).getRowObjectsJS()[0].n);
      await connection.run('DROP TABLE bare');
      t = performance.now();
      const raw = await readRaw(connection, file, 'raw', { workDir: path.join(dir, 'work'), kind: 'vacancies' });
      reader.push((performance.now() - t) / 1000);
      readRows = raw.rows;
      await connection.run('DROP TABLE raw');
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const bareSeconds = Math.min(...bare);
  const readerSeconds = Math.min(...reader);
  const share = (readRows / readerSeconds) / (bareRows / bareSeconds);
  return [
    { benchmark: `reader: ${megabytes.toFixed(0)} MB CSV, quoted multi-line fields (best of 2)`, figure: `${Math.round(readRows / readerSeconds).toLocaleString('en')} rows/s (${readerSeconds.toFixed(1)} s, ${readRows.toLocaleString('en')} of ${rows.toLocaleString('en')} rows)`, target: `all ${rows.toLocaleString('en')} rows`, ok: readRows === rows },
    { benchmark: '  DuckDB bare read_csv, parallel = false, null_padding = true', figure: `${Math.round(bareRows / bareSeconds).toLocaleString('en')} rows/s (${bareSeconds.toFixed(1)} s, ${bareRows.toLocaleString('en')} rows)`, target: '-', ok: null },
    { benchmark: '  reader / bare read_csv throughput', figure: `${(share * 100).toFixed(0)} %`, target: '≥ 50 %', ok: share >= 0.5 },
  ];
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const at = process.argv.indexOf('--scale');
  const scale = at > 0 ? Number(process.argv[at + 1]) : 1;
  for (const row of await benchHostileIngest({ scale })) console.log(`${row.benchmark} | ${row.figure} | ${row.target} | ${row.ok === null ? '' : row.ok ? 'yes' : 'NO'}`);
}
