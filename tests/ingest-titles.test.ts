// Title coding at ingest (issue 12): a weak title is coded per distinct (title, description),
// a title coded surely or from the dictionary once per title, whatever its description says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, queryWarehouse, runFiles, type Sandbox } from './helpers/pipeline.ts';

// Kota Bandung (32.73), each with its own employer so none is a duplicate of another.
const vacancies = `vacancy_id,posted_date,status,province_code,regency_code,employer,job_title,description
V1,2025-03-03,open,32,32.73,PT Satu,Crew,Mengoperasikan forklift dan reach truck di gudang.
V2,2025-03-03,open,32,32.73,PT Dua,Crew,Memasak dan menyiapkan makanan di dapur restoran.
V3,2025-03-03,open,32,32.73,PT Tiga,Crew,
V4,2025-03-03,open,32,32.73,PT Empat,Tukang Las,Memasak dan menyiapkan makanan di dapur restoran.
`;

let sandbox: Sandbox;
let coded: Record<string, { code: string | null; by: string | null }>;

beforeAll(async () => {
  sandbox = createSandbox();
  const result = await runFiles(sandbox, { 'vacancies_titles.csv': vacancies });
  expect(result.files.map((f) => [f.rows_loaded, f.rows_quarantined])).toEqual([[4, 0]]);
  const stored = await queryWarehouse<{ vacancy_id: string; occupation_code: string | null; occupation_coded_by: string | null }>(sandbox.db,
    'SELECT vacancy_id, occupation_code, occupation_coded_by FROM vacancy ORDER BY vacancy_id');
  coded = Object.fromEntries(stored.map((r) => [r.vacancy_id, { code: r.occupation_code, by: r.occupation_coded_by }]));
});
afterAll(() => sandbox.cleanup());

describe('title coding at ingest', () => {
  it('codes a weak title with each vacancy\'s own description: the forklift crew drives, the kitchen crew cooks', () => {
    expect(coded.V1.code).toBe('8344');
    expect(coded.V2.code?.slice(0, 2)).not.toBe('83');
    expect(coded.V2.code).not.toBe(coded.V1.code);
  });
  it('codes a weak title without a description from the title alone', () => {
    expect(coded.V3).toEqual({ code: '5111', by: 'similarity' });
  });
  it('keeps a dictionary title\'s code whatever the description says', () => {
    expect(coded.V4).toEqual({ code: '7212', by: 'dictionary' });
  });
});
