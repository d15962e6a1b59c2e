// The optional employer column of the vacancy contract (issue 16): read under its aliases,
// from a path inside MagangHub's company object, kept in the facts and never published.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS, publishedColumns } from '../core/datasets.ts';
import { COLUMNS } from '../pipelines/ingest/kinds.ts';
import { createSandbox, queryWarehouse, runFiles, vacanciesCsv, type Sandbox } from './helpers/pipeline.ts';

let sandbox: Sandbox;
beforeAll(() => { sandbox = createSandbox(); });
afterAll(() => sandbox.cleanup());

const withColumn = (header: string, values: string[]) => {
  const lines = vacanciesCsv(values.map(() => ({}))).trimEnd().split('\n');
  return [`${lines[0]},${header}`, ...lines.slice(1).map((l, i) => `${l},${values[i]}`)].join('\n') + '\n';
};

describe('employer', () => {
  it('is an optional vacancy column with the aliases perusahaan, nama_perusahaan and company', () => {
    const spec = COLUMNS.vacancies.find((c) => c.name === 'employer')!;
    expect(spec.required).toBeUndefined();
    expect(spec.aliases).toEqual(expect.arrayContaining(['perusahaan', 'nama_perusahaan', 'company']));
  });

  it('loads under each alias, whitespace collapsed, and a file without it still loads', async () => {
    const result = await runFiles(sandbox, {
      'lowongan_a.csv': withColumn('Perusahaan', ['PT  Sinar Jaya', 'CV Abadi']),
      'lowongan_b.csv': withColumn('Nama Perusahaan', ['PT Karya Utama', '']).replace(/V(\d)/g, 'B$1'),
      'lowongan_c.csv': withColumn('company', ['Gojek']).replace(/V(\d)/g, 'C$1'),
      'lowongan_d.csv': vacanciesCsv([{ vacancy_id: 'D1' }]),
    });
    expect(result.files.map((f) => [f.file, f.status, f.rows_loaded])).toEqual([
      ['lowongan_a.csv', 'loaded', 2], ['lowongan_b.csv', 'loaded', 2], ['lowongan_c.csv', 'loaded', 1], ['lowongan_d.csv', 'loaded', 1],
    ]);
    const rows = await queryWarehouse<{ vacancy_id: string; employer: string | null }>(sandbox.db, 'SELECT vacancy_id, employer FROM vacancy ORDER BY vacancy_id');
    expect(Object.fromEntries(rows.map((r) => [r.vacancy_id, r.employer]))).toEqual({ B1: 'PT Karya Utama', B2: null, C1: 'Gojek', D1: null, V1: 'PT Sinar Jaya', V2: 'CV Abadi' });
  });

  it('is read from inside the MagangHub company object (data/mappings/maghub.yaml)', async () => {
    const own = createSandbox();
    try {
      await runFiles(own, { 'maghub_lowongan.csv': fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'maghub_lowongan.csv')) });
      const rows = await queryWarehouse<{ employer: string | null }>(own.db, "SELECT employer FROM vacancy WHERE vacancy_id = 'MH-0002'");
      expect(rows[0].employer).toBe("PT Mitra Niaga's Group");
    } finally {
      own.cleanup();
    }
  });

  it('is in no published dataset (only the share of vacancies naming one, in sources)', () => {
    for (const dataset of DATASETS) expect(publishedColumns(dataset).map((c) => c.name).filter((n) => /employer|perusahaan|company/.test(n) && n !== 'share_with_employer')).toEqual([]);
    expect(publishedColumns(DATASETS.find((d) => d.name === 'sources')!).find((c) => c.name === 'share_with_employer')!.type).toBe('number');
  });
});
