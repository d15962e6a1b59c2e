// Builds the ESCO-derived text the title coder reads beside the labels (CC BY 4.0):
// - data/reference/isco_examples.csv: the example occupations the ILO lists under each
//   ISCO-08 unit group ("Examples of the occupations classified here"), as published with
//   ESCO (ISCOGroups_en.csv). Only that list is kept: the "Some related occupations
//   classified elsewhere" list that follows it names other groups' jobs.
// - data/reference/isco_descriptions.csv: each sub-major, minor and unit group's definition
//   and tasks, up to its list of examples, sub-groups, related occupations or notes.
// - data/reference/esco_descriptions.csv: each ESCO occupation's description (occupations_en.csv),
//   keyed like esco_titles.csv, so a coder evaluated on held-out occupations reads only
//   the descriptions of the occupations it is built from.
// Deterministic; run again when the ESCO release changes:
//   node --import tsx pipelines/isco-examples.ts [../shared/samples/esco]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../core/config.ts';
import { readCsvRows, REFERENCE_DIR } from '../core/reference.ts';

const EXAMPLES = /Examples of the occupations classified here:?[^\n]*\n([\s\S]*?)(?:\n\s*(?:Some related occupations|Excluded|Notes?\b)|$)/;

/** Unit group → its example occupation titles, bracketed qualifiers dropped ("Captain (army)" → "Captain"). */
export function iscoExamples(file: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of readCsvRows(file)) {
    if (!/^\d{4}$/.test(g.code ?? '')) continue;
    const list = (g.description ?? '').match(EXAMPLES)?.[1] ?? '';
    const titles = list.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('-'))
      .map((l) => l.replace(/^-\s*/, '').replace(/\s*\([^)]*\)/g, '').replace(/,\s*$/, '').replace(/\s+/g, ' ').trim())
      .filter((t) => t !== '' && !t.includes('|'));
    if (titles.length > 0) out.set(g.code, [...new Set(titles)]);
  }
  return out;
}

/** The definition and tasks of each ISCO group of levels 2–4, without the lists that name other groups or occupations. */
export function iscoDescriptions(file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of readCsvRows(file)) {
    if (!/^\d{2,4}$/.test(g.code ?? '')) continue;
    const text = (g.description ?? '').split(/\n\s*(?:Examples of the occupations|Occupations in this|Some related occupations|Excluded|Notes?\b)/)[0];
    const flat = text.replace(/\s+/g, ' ').trim();
    if (flat !== '') out.set(g.code, flat);
  }
  return out;
}

/** Each ESCO occupation's description, keyed by the first 8 characters of its concept id (as esco_titles.csv). */
export function escoDescriptions(file: string): { occupation: string; code: string; description: string }[] {
  return readCsvRows(file)
    .map((o) => ({ occupation: (o.conceptUri ?? '').split('/').pop()!.slice(0, 8), code: o.iscoGroup, description: (o.description ?? '').replace(/\s+/g, ' ').trim() }))
    .filter((o) => /^\d{4}$/.test(o.code) && o.description !== '')
    .sort((a, b) => a.occupation.localeCompare(b.occupation));
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? path.join(PROJECT_ROOT, '..', 'shared', 'samples', 'esco');
  const source = path.join(dir, 'ISCOGroups_en.csv');
  const examples = iscoExamples(source);
  const lines = ['isco_code,titles', ...[...examples].sort(([a], [b]) => a.localeCompare(b)).map(([code, titles]) => `${code},"${titles.join('|').replace(/"/g, '""')}"`)];
  fs.writeFileSync(path.join(REFERENCE_DIR, 'isco_examples.csv'), `${lines.join('\n')}\n`);
  console.log(`isco_examples.csv: ${examples.size} unit groups, ${[...examples.values()].reduce((n, t) => n + t.length, 0)} example titles`);
  const groups = iscoDescriptions(source);
  fs.writeFileSync(path.join(REFERENCE_DIR, 'isco_descriptions.csv'), `${['isco_code,description', ...[...groups].sort(([a], [b]) => a.localeCompare(b)).map(([c, d]) => `${c},${quote(d)}`)].join('\n')}\n`);
  const occupations = escoDescriptions(path.join(dir, 'occupations_en.csv'));
  fs.writeFileSync(path.join(REFERENCE_DIR, 'esco_descriptions.csv'), `${['occupation,isco_code,description', ...occupations.map((o) => `${o.occupation},${o.code},${quote(o.description)}`)].join('\n')}\n`);
  console.log(`isco_descriptions.csv: ${groups.size} groups; esco_descriptions.csv: ${occupations.length} occupations`);
}
