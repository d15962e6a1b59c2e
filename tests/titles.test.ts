import { describe, expect, it } from 'vitest';
import { loadReference } from '../core/reference.ts';
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
});
