// Search over the reference data: case-, accent- and punctuation-insensitive, in either
// language, aliases included, best match first within skills, occupations and regions.
import { describe, expect, it } from 'vitest';
import { loadReference } from '../core/reference.ts';
import { buildSearchIndex, search } from '../server/pages/search.ts';

const index = buildSearchIndex(loadReference());
const codes = (hits: { entry: { code: string } }[]) => hits.map((h) => h.entry.code);

describe('search', () => {
  it('finds a skill by its label in either language, whatever the case', () => {
    expect(codes(search(index, 'PENGELASAN', 'id').skill)[0]).toBe('welding');
    expect(codes(search(index, 'welding', 'en').skill)[0]).toBe('welding');
  });

  it('finds a skill by an alias and says which alias matched', () => {
    const [hit] = search(index, 'las', 'id').skill;
    expect(hit.entry.code).toBe('welding');
    expect(hit.matched).toBe('las');
    expect(hit.entry.href).toBe('/skills/welding');
  });

  it('ignores accents and punctuation: "Pérawat" finds nursing occupations, "c++" the C++ skill', () => {
    const plain = codes(search(index, 'perawat', 'id').occupation);
    expect(plain.length).toBeGreaterThan(0);
    expect(codes(search(index, 'Pérawat', 'id').occupation)).toEqual(plain);
    const cpp = search(index, 'C++', 'en').skill;
    expect(cpp.length).toBeGreaterThan(0);
    expect(cpp[0].entry.name.en).toMatch(/C\+\+/);
  });

  it('finds regions by name, code and alias, provinces and regencies alike', () => {
    expect(codes(search(index, 'jawa barat', 'id').region)[0]).toBe('32');
    expect(codes(search(index, 'jabar', 'id').region)[0]).toBe('32');
    expect(codes(search(index, 'kota bandung', 'id').region)[0]).toBe('32.73');
    expect(codes(search(index, '32.73', 'id').region)).toEqual(['32.73']);
  });

  it('finds an occupation through the job-title dictionary', () => {
    const hits = search(index, 'tukang las', 'id').occupation;
    expect(codes(hits)).toContain('7212');
  });

  it('an empty or unmatched query finds nothing; at most 20 hits per kind', () => {
    expect(search(index, '  ', 'id')).toEqual({ skill: [], occupation: [], region: [] });
    expect(search(index, 'qqqzzz', 'en').skill).toEqual([]);
    expect(search(index, 'a', 'id').skill.length).toBeLessThanOrEqual(20);
  });
});
