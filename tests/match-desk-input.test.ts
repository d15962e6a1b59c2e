// What a counsellor types, read as ingest reads a skills column: items in either language,
// recognised with the ingest skill matcher, the nearest taxonomy skills for unknown words,
// and every problem a 400 naming the parameter.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../core/errors.ts';
import { createMatchReader } from '../core/match-input.ts';
import { loadReference } from '../core/reference.ts';

const reader = createMatchReader(loadReference());

describe('desk input', () => {
  it('reads comma- and line-separated skills in both languages with the ingest matcher', () => {
    const q = reader.read({ skills: 'las listrik, Technical Drawing\nms excel; komunikasi, LAS LISTRIK', education: 'SLTA', region: 'Jabar' });
    expect(q.recognised.map((r) => [r.input, r.skills.map((s) => s.id)])).toEqual([
      ['las listrik', ['welding-smaw']], ['Technical Drawing', ['technical-drawing']], ['ms excel', ['microsoft-excel']], ['komunikasi', ['communication']],
    ]);
    expect(q.recognised[3].skills[0].transversal).toBe(true);
    expect(q).toMatchObject({ education: 'SMA', educationRank: 3, province: '32', regency: null, unrecognised: [] });
  });

  it('suggests the nearest taxonomy skills for words it does not know', () => {
    const q = reader.read({ skills: 'weldng, qwxzv', education: 'SMK' });
    expect(q.unrecognised.map((u) => u.input)).toEqual(['weldng', 'qwxzv']);
    expect(q.unrecognised[0].suggestions[0].id).toBe('welding');
    expect(q.unrecognised[1].suggestions).toEqual([]);
  });

  it('a regency narrows the area and must lie in the province', () => {
    expect(reader.read({ skills: 'las', education: 'SMK', region: '32', regency: '32.73' })).toMatchObject({ province: '32', regency: '32.73' });
    expect(reader.read({ skills: 'las', education: 'SMK', region: 'Kota Bandung' })).toMatchObject({ province: '32', regency: '32.73' });
    expect(reader.read({ skills: 'las', education: 'SMK', employment_type: 'magang' }).employmentType).toBe('apprenticeship');
  });

  it.each([
    [{ education: 'SMK' }, 'skills'],
    [{ skills: ' , ;\n', education: 'SMK' }, 'skills'],
    [{ skills: Array.from({ length: 51 }, (_, i) => `k${i}`).join(','), education: 'SMK' }, 'skills'],
    [{ skills: 'las' }, 'education'],
    [{ skills: 'las', education: 'Hogwarts' }, 'education'],
    [{ skills: 'las', education: 'SMK', region: '77' }, 'region'],
    [{ skills: 'las', education: 'SMK', region: '35', regency: '32.73' }, 'regency'],
    [{ skills: 'las', education: 'SMK', occupation: '72a' }, 'occupation'],
    [{ skills: 'las', education: 'SMK', employment_type: 'freelance' }, 'employment_type'],
  ])('%j is a 400 naming %s', (input, parameter) => {
    let error: unknown;
    try { reader.read(input); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, parameter });
  });
});
