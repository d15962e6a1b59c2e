// One figure from one dataset (server/pages/figure.ts): the table's labels and number formats
// come from the declaration, an empty chart says why, and the downloads are the rows shown.
// The rows are passed in (req.rows), so no warehouse is needed.
import { describe, expect, it } from 'vitest';
import { DATASETS, findDataset, publishedColumns } from '../core/datasets.ts';
import { format, messages } from '../server/i18n.ts';
import { columnsOf, figure, formatValue } from '../server/pages/figure.ts';
import type { PageRequest } from '../server/pages/page.ts';

const id = format('id');

function request(rows: Record<string, Record<string, unknown>[]>, asked: string[] = []): PageRequest {
  return {
    lang: 'id', m: messages('id'), f: id, filters: { period: '2025-06', region: '32' }, periods: ['2025-01', '2025-06'],
    connection: undefined as never, dims: undefined as never, minCell: 5,
    rows: async <T>(dataset: string, filters: Record<string, string | undefined>) => {
      asked.push(`${dataset} ${JSON.stringify(filters)}`);
      return (rows[`${dataset} ${filters.relative_status ?? ''}`] ?? []) as T[];
    },
  };
}

const gap = (skill: string, values: Record<string, unknown>) => ({
  period: '2025-06', region_code: '32', region_name: 'Jawa Barat', region_level: 'province', skill_id: skill, skill_label_id: skill, skill_label_en: skill, skill_group: 'technical',
  demand: 40, supply: 10, skill_ratio: 4, imbalance_index: 0.9, status: 'shortage', relative_status: 'relatively_scarce', unmet_openings: 30, provisional: '', withheld: '', ...values,
});

describe('the declaration', () => {
  it('gives every published column a label in both languages, a format and a role', () => {
    for (const d of DATASETS) for (const c of publishedColumns(d)) {
      expect(c.label.id.trim(), `${d.name}.${c.name}`).not.toBe('');
      expect(c.label.en.trim(), `${d.name}.${c.name}`).not.toBe('');
      expect(['dimension', 'measure', 'derived']).toContain(c.role);
      if (c.type === 'integer' || c.type === 'number') expect(['integer', 'decimal', 'ratio', 'percent', 'days'], `${d.name}.${c.name}`).toContain(c.format);
    }
  });

  it('is what messages.columns says: the page labels are the declared ones', () => {
    const gaps = findDataset('skill-gaps')!;
    expect(messages('id').columns.demand).toBe(gaps.columns.find((c) => c.name === 'demand')!.label.id);
    expect(messages('en').columns.imbalance_index).toBe('Imbalance index');
  });
});

describe('formatValue', () => {
  it('writes each format the way the pages always have (Bahasa Indonesia)', () => {
    expect(formatValue(id, { format: 'integer' }, 12345)).toBe('12.345');
    expect(formatValue(id, { format: 'ratio' }, 1.234)).toBe('1,23');
    expect(formatValue(id, { format: 'percent' }, 0.256)).toBe('25,6%');
    expect(formatValue(id, { format: 'percent', digits: 0 }, 0.256)).toBe('26%');
    expect(formatValue(id, { format: 'decimal' }, 2.25)).toMatch(/^2,[23]$/);
    expect(formatValue(id, { format: 'days' }, 17.4)).toBe('17');
    expect(formatValue(id, { format: 'month' }, '2025-03')).toBe('Maret 2025');
    expect(formatValue(id, { format: 'integer' }, null)).toBe('—');
  });
});

describe('figure()', () => {
  it('labels, formats and aligns the table from the declaration, and marks a withheld cell', () => {
    const columns = columnsOf(request({}), 'skill-gaps', ['demand', 'supply', 'imbalance_index', 'status']);
    expect(columns.map((c) => c.label)).toEqual(['Permintaan (formasi)', 'Pasokan (pencari kerja)', 'Indeks ketidakseimbangan', 'Status mutlak (permintaan vs pasokan)']);
    expect(columns.map((c) => c.numeric)).toEqual([true, true, true, false]);
    expect(columns[2].value(gap('welding', { imbalance_index: 0.912 }) as never)).toBe('0,91');
    expect(() => columnsOf(request({}), 'skill-gaps', ['no_such' as never])).toThrow('dataset skill-gaps has no column no_such');
  });

  it('draws the rows shown, lists them with the marks used, and links the downloads of exactly its two queries', async () => {
    const asked: string[] = [];
    const req = request({
      'skill-gaps relatively_scarce': [gap('welding', {}), gap('plumbing', { supply: null, skill_ratio: null, withheld: 'supply;skill_ratio' })],
      'skill-gaps relatively_abundant': [gap('typing', { imbalance_index: -0.7, relative_status: 'relatively_abundant' })],
    }, asked);
    const view = await figure(req, {
      id: 'imbalance', dataset: 'skill-gaps', filters: { period: '2025-06', region: '32', relative_status: 'relatively_scarce' }, slice: { sort: ['-imbalance_index'], limit: 2 },
      also: [{ label: 'abundant', filters: { period: '2025-06', region: '32', relative_status: 'relatively_abundant' }, slice: { sort: ['imbalance_index'], limit: 2 } }],
      title: 'T', caption: 'C', tableCaption: 'TC', columns: ['skill_label_id', 'supply', 'imbalance_index'],
      chart: { kind: 'diverging', draw: (rows) => `<svg>${rows.map((r) => r.skill_id).join(',')}</svg>` },
    });
    expect(view.svg).toBe('<svg>welding,plumbing,typing</svg>');
    expect(view.empty).toBeUndefined();
    expect(view.howTo).toBe(messages('id').explore.howTo.diverging);
    expect(view.table.rows.map((r) => r.cells.map((c) => c.text))).toEqual([['welding', '10', '0,90'], ['plumbing', 'x', '0,90'], ['typing', '10', '-0,70']]);
    expect(view.table.marks).toEqual(['x = disembunyikan demi kerahasiaan (kurang dari 5 orang, atau dihitung dari jumlah itu)']);
    expect(view.downloads.map((d) => d.csv)).toEqual([
      '/data/skill-gaps.csv?period=2025-06&region=32&relative_status=relatively_scarce&sort=-imbalance_index&limit=2',
      '/data/skill-gaps.csv?period=2025-06&region=32&relative_status=relatively_abundant&sort=imbalance_index&limit=2',
    ]);
    expect(asked).toHaveLength(2);
  });

  it('says the values are withheld when every row shown is, after reading the rows that tell withheld from none', async () => {
    const asked: string[] = [];
    const req = request({ 'skill-gaps ': [gap('welding', { supply: null, imbalance_index: null, relative_status: null, withheld: 'supply;imbalance_index;relative_status' })] }, asked);
    const view = await figure(req, {
      id: 'imbalance', dataset: 'skill-gaps', filters: { region: '32', relative_status: 'relatively_scarce' },
      title: 'T', caption: 'C', tableCaption: 'TC', columns: ['imbalance_index'],
      shown: (rows) => rows.filter((r) => r.imbalance_index !== null),
      empty: { column: 'relative_status', from: { region: '32' } },
      chart: { kind: 'bars', draw: () => '<svg/>' },
    });
    expect(view.svg).toBe('');
    expect(view.empty).toBe('Ada data, tetapi setiap nilai disembunyikan demi kerahasiaan: kurang dari 5 orang.');
    expect(view.howTo).toBeUndefined();
    expect(asked).toEqual(['skill-gaps {"region":"32","relative_status":"relatively_scarce"}', 'skill-gaps {"region":"32"}']);
  });
});
