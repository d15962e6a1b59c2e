import { describe, expect, it } from 'vitest';
import { loadReference } from '../core/reference.ts';
import { createRegionResolver, isNationalPlace } from '../core/regions.ts';
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

describe('region names in their normalised form (spaces, hyphens, case, KAB./KOTA prefixes, spellings)', () => {
  it.each([
    ['KOTA PADANGSIDIMPUAN', '12', '12.77'],
    ['Padangsidimpuan', '12', '12.77'],
    ['KAB. TANGERANG', '36', '36.03'],
    ['KAB.TANGERANG', '36', '36.03'],
    ['KOTA TANGERANG SELATAN', '36', '36.74'],
    ['KOTA ADM. JAKARTA PUSAT', '31', '31.71'],
    ['KOTA BAU-BAU', '74', '74.72'],
    ['KABUPATEN MUKOMUKO', '17', '17.06'],
    ['Kab. Toli-Toli', '72', '72.04'],
    ['KABUPATEN FAKFAK', '92', '92.03'],
    ['KOTA PEMATANG SIANTAR', '12', '12.72'],
    ['KOTA TANJUNGPINANG', '21', '21.72'],
    ['KAB. LIMAPULUH KOTA', '13', '13.07'],
    ['Kabupaten Kotabaru', '63', '63.02'],
    ['KABUPATEN KOTA BARU', '63', '63.02'],
    ['KAB. MAMUJU UTARA', '76', '76.01'],
    ['Kab. Pahuwato', '75', '75.04'],
    ['KAB. SOEMEDANG', '32', '32.11'],
    ['KABUPATEN DJEMBER', '35', '35.09'],
  ])('%s → %s / %s', (input, province, regency) => {
    expect(resolve(input)).toEqual({ provinceCode: province, regencyCode: regency });
  });

  it('resolves every one of the 514 regency and city names written in capitals without spaces', () => {
    const wrong = reference.regencies.flatMap((r) => {
      const full = r.name.toUpperCase().replace(/ /g, '');
      const short = r.name.toUpperCase().replace(/^KABUPATEN ADMINISTRASI |^KABUPATEN /, 'KAB. ').replace(/^KOTA ADMINISTRASI /, 'KOTA ADM. ');
      const prefix = /^(KAB\. |KOTA ADM\. |KOTA )/.exec(short)![1];
      const shortCompact = prefix + short.slice(prefix.length).replace(/ /g, '');
      return [full, shortCompact].filter((v) => resolve(v)?.regencyCode !== r.code).map((v) => `${v} → ${JSON.stringify(resolve(v))} (want ${r.code})`);
    });
    expect(wrong).toEqual([]);
  });

  it('still refuses to guess between a regency and a city of the same name', () => {
    expect(resolve('BOGOR')).toEqual({ provinceCode: '32', regencyCode: null });
    expect(resolve('KAB. BOGOR')).toEqual({ provinceCode: '32', regencyCode: '32.01' });
    expect(resolve('KOTABOGOR')).toEqual({ provinceCode: '32', regencyCode: '32.71' });
    expect(resolve('MALANG')).toEqual({ provinceCode: '35', regencyCode: null });
  });
});

describe('national places', () => {
  it.each(['Indonesia', 'Remote', 'Seluruh Indonesia', 'WFH', 'Work from home', 'Anywhere in Indonesia', 'REMOTE, Indonesia', 'Indonesia (Remote)', 'Work From Anywhere', 'Nasional'])(
    '%s is the whole country and no region', (input) => {
      expect(isNationalPlace(input)).toBe(true);
      expect(resolve(input)).toBeNull();
    });
  it.each(['Jakarta', 'Manila', 'Quezon', 'Makati City, Metro Manila', 'Jakarta (Remote)', 'Philippines', ''])('%s is not national', (input) => {
    expect(isNationalPlace(input)).toBe(false);
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
