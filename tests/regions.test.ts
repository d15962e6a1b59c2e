import { describe, expect, it } from 'vitest';
import { loadReference } from '../core/reference.ts';
import { createRegionResolver } from '../core/regions.ts';
import { createEducationResolver, educationMet } from '../core/education.ts';

const reference = loadReference();
const resolve = createRegionResolver(reference);

describe('regions from idn-area-data', () => {
  it('has the 38 provinces and 514 regencies/cities with area types', () => {
    expect(reference.provinces).toHaveLength(38);
    expect(reference.regencies).toHaveLength(514);
    expect(reference.regencies.filter((r) => r.areaType === 'urban')).toHaveLength(98);
    expect(reference.regencies.find((r) => r.code === '32.01')).toMatchObject({ name: 'Kabupaten Bogor', areaType: 'rural' });
    expect(reference.provinces.find((p) => p.code === '31')?.name).toBe('DKI Jakarta');
  });
});

describe('region resolver', () => {
  const cases: [string, string | null, string | null][] = [
    ['32', '32', null],
    ['32.73', '32', '32.73'],
    ['3273', '32', '32.73'],
    ['Jawa Barat', '32', null],
    ['  JAWA   barat ', '32', null],
    ['Jabar', '32', null],
    ['Provinsi Jawa Timur', '35', null],
    ['DKI', '31', null],
    ['DKI Jakarta', '31', null],
    ['Jakarta Selatan', '31', '31.74'],
    ['Kota Adm. Jakarta Pusat', '31', '31.71'],
    ['Kab. Bogor', '32', '32.01'],
    ['Kabupaten Bogor', '32', '32.01'],
    ['Kota Bogor', '32', '32.71'],
    ['Bogor', '32', null],
    ['DIY', '34', null],
    ['Jogja', '34', null],
    ['D.I. Yogyakarta', '34', null],
    ['Kota Yogyakarta', '34', '34.71'],
    ['Sidoarjo Regency', '35', '35.15'],
    ['Sidoarjo', '35', '35.15'],
    ['Surabaya', '35', '35.78'],
    ['Jakarta Selatan, DKI Jakarta', '31', '31.74'],
    ['Bandung, Jawa Barat, Indonesia', '32', '32.73'],
    ['Jakarta Raya(Hibrid)', '31', null],
    ['West Java', '32', null],
    ['Bengkulu', '17', null],
    ['Palangka Raya', '62', '62.71'],
    ['Baubau', '74', '74.72'],
    ['Fakfak Regency', '92', '92.03'],
    ['Tangerang District', '36', '36.03'],
    ['South Tangerang', '36', '36.74'],
  ];
  it.each(cases)('%s → %s / %s', (input, province, regency) => {
    expect(resolve(input)).toEqual({ provinceCode: province, regencyCode: regency });
  });

  it('does not force a place outside Indonesia or an unknown name into a province', () => {
    for (const input of ['Manila', 'Remote', 'Indonesia', 'Makati City, Metro Manila', '99', '32.99', '', 'Atlantis']) {
      expect(resolve(input), input).toBeNull();
    }
  });

  it('refuses a compound whose parts disagree', () => {
    expect(resolve('Surabaya, Jawa Barat')).toBeNull();
  });
});

describe('education resolver', () => {
  const resolveEducation = createEducationResolver(reference);
  it.each([
    ['SLTA', 'SMA'], ['SMU', 'SMA'], ['STM', 'SMK'], ['SMK', 'SMK'], ['Diploma III', 'D3'], ['D-III', 'D3'],
    ['D3', 'D3'], ['Sarjana', 'S1'], ['S-1', 'S1'], ['Bachelor', 'S1'], ["Bachelor's degree", 'S1'], ['Magister', 'S2'],
    ['Minimal SMA/SMK', 'SMA'], ['Tidak Disebutkan', 'unknown'], ['sd', 'SD'], ['Sarjana Terapan', 'D4'],
  ])('%s → %s', (input, expected) => {
    expect(resolveEducation(input)).toBe(expected);
  });
  it('leaves misspellings unresolved', () => {
    expect(resolveEducation('Sarjanah Hukum Tata')).toBeNull();
  });
  it('orders levels as DESIGN §4 says', () => {
    expect(educationMet('SMK', 'SMA')).toBe(true);
    expect(educationMet('SMA', 'SMK')).toBe(true);
    expect(educationMet('D4', 'S1')).toBe(true);
    expect(educationMet('D3', 'S1')).toBe(false);
    expect(educationMet('unknown', 'S1')).toBe(true);
    expect(educationMet('SD', null)).toBe(true);
  });
});
