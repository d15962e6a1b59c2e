// The FILTERS table (core/filters.ts) is the one declaration of every filter: the datasets'
// filter lists, the where clauses, the code checks and the OpenAPI parameters come from it.
import { describe, expect, it } from 'vitest';
import { DATASETS, findDataset } from '../core/datasets.ts';
import type { Dimensions } from '../core/dimensions.ts';
import { checkCodes, FILTER_NAMES, FILTERS, filterJsonSchema, filtersOf, parseFilters, whereClauses } from '../core/filters.ts';
import { prepareDatasetQuery } from '../core/query.ts';
import { openApi } from '../server/routes/api.ts';

const dims: Dimensions = {
  periods: ['2025-01', '2025-02', '2025-03'],
  regions: [],
  region: new Map([['ID', {}], ['32', {}], ['32.73', {}]].map(([k]) => [k as string, { region_code: k as string, region_name: '', region_level: 'province', parent_code: null, sort_key: 0 }])),
  isco: new Map([['7', { code: '7', title_id: '', title_en: '', level: 1 }], ['72', { code: '72', title_id: '', title_en: '', level: 2 }]]),
  skills: new Map(['welding-smaw', 'forklift'].map((id) => [id, { skill_id: id, label_id: '', label_en: '', skill_group: '', transversal: false }])),
};

describe('FILTERS', () => {
  it('names only declared datasets, and gives each dataset its filters in one order', () => {
    for (const name of FILTER_NAMES) {
      const { datasets } = FILTERS[name];
      if (datasets !== 'every') for (const d of datasets) expect(findDataset(d), `${name} → ${d}`).toBeDefined();
    }
    expect(findDataset('skill-gaps')!.filters).toEqual(['period', 'from', 'to', 'region', 'level', 'parent', 'skill', 'status', 'relative_status', 'sector', 'occupation', 'employment_type']);
    expect(findDataset('labour-market-monthly')!.filters).toEqual(['period', 'from', 'to', 'region', 'level', 'parent', 'employment_type']);
    expect(findDataset('occupation-demand')!.filters).toEqual(['period', 'from', 'to', 'region', 'level', 'parent', 'occupation', 'isco_level', 'employment_type']);
    expect(findDataset('seeker-profile')!.filters).toEqual(['period', 'from', 'to', 'region', 'level', 'parent', 'dimension']);
    for (const d of DATASETS) expect(d.filters).toEqual(filtersOf(d.name));
  });

  it('answers every filter a dataset takes: by its where clause, or by the request-time computation', () => {
    for (const d of DATASETS) {
      for (const name of d.filters) {
        const answered = FILTERS[name].where !== undefined || (d.computedFor ?? []).includes(name);
        expect(answered, `${d.name} ${name}`).toBe(true);
      }
    }
  });

  it('adds the where clause of each filter the table answers, the value as a bound parameter', () => {
    const gaps = findDataset('skill-gaps')!;
    const { where, params } = whereClauses(gaps, { period: '2025-03', region: '32', occupation: '72', status: 'shortage' });
    expect(where).toEqual(['m.period = $period', 'm.region_code = $region', 'CAST(m.status AS VARCHAR) = $status']);
    expect(params).toEqual({ period: '2025-03', region: '32', status: 'shortage' });
    // occupation-demand answers occupation from its table: the code and the groups within it
    expect(whereClauses(findDataset('occupation-demand')!, { occupation: '72' }).where).toEqual(["m.isco_code LIKE $occupation || '%'"]);
  });

  it('checks codes against the dimensions, each code of a list, naming the parameter', () => {
    expect(() => checkCodes({ region: '32.73', skill: 'welding-smaw,forklift', occupation: '72' }, dims)).not.toThrow();
    expect(() => checkCodes({ region: '99' }, dims)).toThrow(expect.objectContaining({ status: 404, parameter: 'region', message: 'unknown region: "99"' }));
    expect(() => checkCodes({ skill: 'welding-smaw,juggling' }, dims)).toThrow(expect.objectContaining({ status: 404, parameter: 'skill', message: 'unknown skill: "juggling"' }));
    expect(() => checkCodes({ parent: '35' }, dims)).toThrow(expect.objectContaining({ status: 404, parameter: 'parent' }));
  });

  it('parses values with its schema: a 400 naming the parameter and what the value must be', () => {
    const gaps = findDataset('skill-gaps')!;
    expect(parseFilters(gaps, { sector: 'c', region: ' 32 ' })).toEqual({ sector: 'C', region: '32' });
    expect(() => parseFilters(gaps, { status: 'bad' })).toThrow(expect.objectContaining({ status: 400, parameter: 'status', message: 'invalid status: "bad" (must be shortage, surplus, balanced or insufficient)' }));
    expect(() => parseFilters(findDataset('occupation-demand')!, { isco_level: '5' })).toThrow(expect.objectContaining({ message: 'invalid isco_level: "5" (must be 1, 2, 3 or 4 (digits of the ISCO code))' }));
    expect(() => parseFilters(gaps, { sector: 'Z' })).toThrow(expect.objectContaining({ parameter: 'sector', message: 'invalid sector: "Z" (must be a KBLI 2020 section letter A–U)' }));
    // a name of Object.prototype is an unknown parameter like any other
    expect(() => parseFilters(gaps, { toString: 'x' })).toThrow(expect.objectContaining({ status: 400, parameter: 'toString', message: expect.stringMatching(/^unknown parameter "toString"/) }));
  });
});

describe('the OpenAPI parameters', () => {
  const spec = openApi('http://localhost');
  const parameters = (dataset: string) => (spec.paths[`/api/v1/${dataset}`] as { get: { parameters: { name: string; schema: Record<string, unknown>; description?: string }[] } }).get.parameters;

  it('are the filters each dataset takes, with the schema that parses them', () => {
    for (const d of DATASETS) {
      const filters = parameters(d.name).filter((p) => (FILTER_NAMES as string[]).includes(p.name));
      expect(filters.map((p) => p.name)).toEqual(d.filters);
      for (const p of filters) expect(p.schema).toEqual(filterJsonSchema(p.name as never));
    }
    const byName = Object.fromEntries(parameters('skill-gaps').map((p) => [p.name, p]));
    expect(byName.period.schema).toEqual({ type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' });
    expect(byName.sector.schema).toEqual({ type: 'string', pattern: '^[A-Ua-u]$' });
    expect(byName.status.schema).toEqual({ type: 'string', enum: ['shortage', 'surplus', 'balanced', 'insufficient'] });
    expect(byName.region.description).toBe('ID, a province code (32) or a regency code (32.73).');
  });

  it('accept, by their pattern or enum, exactly the values the parser accepts', () => {
    const samples: Record<string, string[]> = { period: ['2025-03', '2025-13', '2025-3'], region: ['ID', '32', '32.73', 'Jabar'], sector: ['C', 'c', 'Z'], occupation: ['72', '72345'], skill: ['welding-smaw,forklift', 'Welding'], level: ['province', 'provinsi'] };
    const gaps = { name: 'test', filters: FILTER_NAMES };
    for (const [name, values] of Object.entries(samples)) {
      const schema = filterJsonSchema(name as never) as { pattern?: string; enum?: string[] };
      for (const value of values) {
        const bySchema = schema.pattern ? new RegExp(schema.pattern).test(value) : schema.enum!.includes(value);
        let byParser = true;
        try { parseFilters(gaps, { [name]: value }); } catch { byParser = false; }
        expect(bySchema, `${name}=${value}`).toBe(byParser);
      }
    }
  });
});

describe('prepareDatasetQuery', () => {
  it('refuses unknown datasets, codes and sorts before any SQL runs', () => {
    expect(() => prepareDatasetQuery('nope', {}, { minCell: 5, dims })).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => prepareDatasetQuery('skill-gaps', { region: '99' }, { minCell: 5, dims })).toThrow(expect.objectContaining({ status: 404, parameter: 'region' }));
    expect(() => prepareDatasetQuery('skill-gaps', {}, { minCell: 5, dims, sort: ['supply', '-supply'] })).toThrow(expect.objectContaining({ status: 400, parameter: 'sort', message: 'sort lists "supply" twice' }));
  });

  it('splits an unfiltered query by the months of the data version, within from/to', () => {
    const query = prepareDatasetQuery('skill-gaps', { from: '2025-02', region: '32' }, { minCell: 5, dims });
    expect(query.parts.map((p) => p.params.period)).toEqual(['2025-02', '2025-03']);
    expect(query.parts.every((p) => p.params.region === '32' && p.params.from === undefined)).toBe(true);
    expect(prepareDatasetQuery('skill-gaps', {}, { minCell: 5, dims, limit: 10 }).parts).toHaveLength(1);
  });
});
