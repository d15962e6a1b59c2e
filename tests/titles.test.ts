import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../core/config.ts';
import { loadReference, readCsvRows } from '../core/reference.ts';
import { cleanTitle, createTitleCoder } from '../core/titles.ts';

const reference = loadReference();
const code = createTitleCoder(reference);

describe('title coding', () => {
  it('strips board noise', () => {
    expect(cleanTitle('Dibutuhkan Segera Operator Produksi Pria Max 35 Th')).toBe('operator produksi');
    expect(cleanTitle('Branch Manager - Lampung (Kalianda)')).toBe('manager');
  });

  it('codes dictionary titles exactly and misspellings by similarity', () => {
    expect(code('Tukang Las')).toEqual({ code: '7212', confidence: 1, method: 'dictionary' });
    expect(code('Tehnisi Listrik')?.code.slice(0, 2)).toBe('74');
    expect(code('Oprator Forklift')?.code).toBe('8344');
  });

  it('leaves what it cannot code uncoded', () => {
    expect(code('')).toBeNull();
    expect(code('xqzv')).toBeNull();
  });

  it('codes at least 85 % of the 320 labelled titles right at two digits', () => {
    const labelled = readCsvRows(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'titles_labelled.csv'));
    expect(labelled.length).toBeGreaterThanOrEqual(300);
    const right = labelled.filter((row) => code(row.title)?.code.slice(0, 2) === row.isco_code.slice(0, 2));
    const share = right.length / labelled.length;
    if (share < 0.85) {
      const wrong = labelled.filter((row) => !right.includes(row)).map((row) => `${row.title}: ${code(row.title)?.code} ≠ ${row.isco_code}`);
      fs.writeFileSync(path.join(PROJECT_ROOT, 'tests', 'artifacts-title-misses.txt'), wrong.join('\n'));
    }
    expect(share).toBeGreaterThanOrEqual(0.85);
  });
});
