// Builds data/reference/isco_examples.csv: the example occupations the ILO lists under each
// ISCO-08 unit group ("Examples of the occupations classified here"), as published with
// ESCO (ISCOGroups_en.csv, CC BY 4.0). Only that list is kept: the "Some related
// occupations classified elsewhere" list that follows it names other groups' jobs.
// Deterministic; run again when the ESCO release changes:
//   node --import tsx pipelines/isco-examples.ts [../shared/samples/esco/ISCOGroups_en.csv]
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const source = process.argv[2] ?? path.join(PROJECT_ROOT, '..', 'shared', 'samples', 'esco', 'ISCOGroups_en.csv');
  const examples = iscoExamples(source);
  const lines = ['isco_code,titles', ...[...examples].sort(([a], [b]) => a.localeCompare(b)).map(([code, titles]) => `${code},"${titles.join('|').replace(/"/g, '""')}"`)];
  fs.writeFileSync(path.join(REFERENCE_DIR, 'isco_examples.csv'), `${lines.join('\n')}\n`);
  console.log(`isco_examples.csv: ${examples.size} unit groups, ${[...examples.values()].reduce((n, t) => n + t.length, 0)} example titles`);
}
