// Every message exists in both languages, says something, and uses the same placeholders;
// formats follow the locale.
import { describe, expect, it } from 'vitest';
import { fill, format, messages, translateError, translateReason } from '../server/i18n.ts';
import { emptyReason, markOf } from '../server/pages/empty.ts';

function leaves(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

describe('message files', () => {
  const id = leaves(messages('id'));
  const en = leaves(messages('en'));

  it('have exactly the same keys', () => {
    expect([...id.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !id.has(k))).toEqual([]);
    expect(id.size).toBeGreaterThan(250);
  });

  it('leave no message empty and use the same placeholders in both languages', () => {
    for (const [key, text] of id) {
      expect(text.trim(), key).not.toBe('');
      expect(en.get(key)!.trim(), key).not.toBe('');
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(en.get(key)!), key).toEqual(names(text));
    }
  });

  it('are translated: the English text differs from the Indonesian except for shared words', () => {
    const same = [...id].filter(([key, text]) => en.get(key) === text).map(([key]) => key);
    // Words spelt alike in both languages (Digital, Status, Admin, Data, dash), the marks of empty cells and "pp".
    expect(same.every((k) => /^(common\.missing|nav\.(data|admin)|columns\.status|skillGroups\.digital|admin\.title|admin\.status|marks\.(withheld|notComputable|noData)|changes\.pp)$/.test(k)), same.join(', ')).toBe(true);
  });
});

describe('stored English texts shown in Indonesian', () => {
  it('error messages: rebuilt from the Indonesian template, values kept; English unchanged; unknown ones as they are', () => {
    expect(translateError('invalid period: "2025-13" (must be a month written YYYY-MM)', 'id')).toBe('period tidak valid: "2025-13" (harus bulan yang ditulis YYYY-MM)');
    expect(translateError('invalid period: "2025-13" (must be a month written YYYY-MM)', 'en')).toBe('invalid period: "2025-13" (must be a month written YYYY-MM)');
    expect(translateError('unknown region: "99"', 'id')).toBe('region tidak dikenal: "99"');
    expect(translateError('no data for period 2031-01 (data covers 2024-01 to 2025-12)', 'id')).toBe('tidak ada data untuk bulan 2031-01 (data mencakup 2024-01 sampai 2025-12)');
    expect(translateError('something new', 'id')).toBe('something new');
  });

  it('quarantine reasons: the stored wording translated for display, line numbers kept', () => {
    expect(translateReason('duplicate vacancy_id in this file (first at line 12)', 'id')).toBe('vacancy_id ganda dalam berkas ini (pertama di baris 12)');
    expect(translateReason('missing required value (province, regency or location)', 'id')).toBe('nilai wajib kosong (provinsi, kabupaten/kota atau lokasi)');
    expect(translateReason('missing required value', 'id')).toBe('nilai wajib kosong');
    expect(translateReason('missing required value', 'en')).toBe('missing required value');
  });
});

describe('why a figure or a cell is empty (server/pages/empty.ts)', () => {
  const req = { m: messages('id'), f: format('id'), minCell: 5, filters: { period: '2024-03', region: 'ID' } };
  it('tells no data, withheld, not yet computable, filtered out and not computed apart', () => {
    expect(emptyReason(req, { rows: [], shown: 0 })).toBe('Tidak ada data untuk pilihan ini.');
    expect(emptyReason(req, { rows: [{ v: null, withheld: 'v' }, { v: 0, withheld: '' }], shown: 0, column: 'v' })).toContain('disembunyikan demi kerahasiaan: kurang dari 5 orang');
    // One value withheld but another one present and not drawn for another reason: not "withheld".
    expect(emptyReason(req, { rows: [{ v: null, withheld: 'v' }, { v: 'insufficient', withheld: '' }], shown: 0, column: 'v', none: 'none' })).toBe('none');
    expect(emptyReason(req, { rows: [], shown: 0, availableFrom: '2024-06', availableWhy: 'perlu 6 bulan.' })).toBe('Belum dapat dihitung untuk bulan ini: perlu 6 bulan. Tersedia mulai Juni 2024.');
    expect(emptyReason(req, { rows: [{ v: 0 }], shown: 0, filteredBy: 'hanya > 0' })).toBe('Ada data, tetapi tidak ada yang lolos pilihan grafik ini: hanya > 0.');
    expect(emptyReason(req, { rows: [{ v: 1, withheld: 'v' }], shown: 0, column: 'v', computed: false })).toContain('tidak dihitung');
    expect(emptyReason(req, { rows: [{ v: 1 }], shown: 1 })).toBeUndefined();
  });
  it('marks a cell withheld, not computable (a ratio) or without data', () => {
    expect(markOf({ supply: null, withheld: 'supply;skill_ratio' }, 'supply')).toBe('withheld');
    expect(markOf({ active_ratio: null, active_applicants: 0, withheld: '' }, 'active_ratio')).toBe('notComputable');
    expect(markOf({ median_days_to_fill: null, withheld: '' }, 'median_days_to_fill')).toBe('noData');
    expect(markOf({ supply: 0, withheld: '' }, 'supply')).toBeUndefined();
  });
});

describe('skill labels', () => {
  it('are Indonesian in Indonesian: no English label where an Indonesian word exists', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const dir = path.join(import.meta.dirname, '../data/reference/skills');
    const labels = new Map(fs.readdirSync(dir).flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).map((c) => [c[0], c[1]] as const)));
    expect(labels.get('general-affairs')).toBe('Urusan Umum (General Affairs)');
    expect(labels.get('concierge')).toBe('Layanan Concierge dan Bellboy Hotel');
    expect(labels.get('garment-cutting')).toBe('Pemotongan Kain Garmen');
  });
});

describe('formats', () => {
  it('write numbers, percentages and months the way each language does', () => {
    expect(format('id').integer(12345)).toBe('12.345');
    expect(format('en').integer(12345)).toBe('12,345');
    expect(format('id').decimal(0.356, 2)).toBe('0,36');
    expect(format('id').percent(0.153)).toBe('15,3%');
    expect(format('id').month('2025-03')).toBe('Maret 2025');
    expect(format('en').month('2025-03')).toBe('March 2025');
    expect(format('id').integer(null)).toBe('—');
    expect(fill('{a} dan {b}', { a: 1, b: 'x' })).toBe('1 dan x');
  });
});
