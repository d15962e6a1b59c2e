// Frictionless Data Package descriptors of the datasets (tabular-data-package), from the
// same declarations as everything else.
import { DATASETS, publishedColumns, type DatasetDef, type Lang } from '../core/datasets.ts';

export const LICENCE = { name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' };
export const SOURCE: Record<Lang, string> = {
  id: 'Sinergi, dari register lowongan dan pencari kerja layanan ketenagakerjaan publik (data agregat; sel kecil disembunyikan)',
  en: 'Sinergi, from the vacancy and job-seeker registers of the public employment service (aggregates; small cells withheld)',
};

const FIELD_TYPES = { text: 'string', integer: 'integer', number: 'number', boolean: 'boolean' } as const;

export function resource(dataset: DatasetDef, path: string, lang: Lang) {
  return {
    profile: 'tabular-data-resource',
    name: dataset.name,
    path,
    title: dataset.title[lang],
    description: dataset.description[lang],
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    schema: {
      fields: publishedColumns(dataset).map((c) => ({
        name: c.name, type: FIELD_TYPES[c.type], description: c.description[lang] + (c.unit ? ` (${c.unit[lang]})` : ''),
      })),
      // A withheld or missing value is an empty cell.
      missingValues: [''],
    },
  };
}

export function dataPackage(datasets: DatasetDef[], pathOf: (d: DatasetDef) => string, asOf: Date, lang: Lang) {
  return {
    profile: 'tabular-data-package',
    name: datasets.length === 1 ? `sinergi-${datasets[0].name}` : 'sinergi-datasets',
    title: datasets.length === 1 ? `Sinergi: ${datasets[0].title[lang]}` : 'Sinergi datasets',
    created: asOf.toISOString(),
    licenses: [LICENCE],
    sources: [{ title: SOURCE[lang] }],
    resources: datasets.map((d) => resource(d, pathOf(d), lang)),
  };
}

export { DATASETS };
