// Re-posts (`sinergi generate --repost-share F`): a share of vacancies posted again on a
// second source (`jobboard`), as job boards copy the PES register, with the title, the
// employer's name and the dates written differently and the description re-worded. The
// re-post's id is the original's with `RP` for `LOK` (vacancyId), which is the ground
// truth the duplicate benchmark (bench/sections/duplicates.ts) scores detection against;
// detection itself never reads ids.
import { isoOf } from './calendar.ts';
import type { GenerateContext } from './context.ts';
import type { Random } from './random.ts';
import { VACANCY_COLUMNS } from './vacancies.ts';
import { describeVacancy, type DescriptionParts } from './wording.ts';

export const REPOST_SOURCE = 'jobboard';

/** The original vacancy id of a re-post id, or null for an id that is no re-post. */
export function originalOf(repostId: string): string | null {
  return repostId.startsWith('RP') ? `LOK${repostId.slice(2)}` : null;
}

export function repostOf(ctx: GenerateContext, row: string[], parts: DescriptionParts & { posted: number }): string[] {
  const { random, range } = ctx;
  const at = (name: (typeof VACANCY_COLUMNS)[number]) => VACANCY_COLUMNS.indexOf(name);
  const copy = [...row];
  const posted = Math.min(range.last, parts.posted + random.between(0, 10));
  const expiry = posted + random.pick([30, 30, 45, 60]);
  const title = perturbTitle(random, parts.title, parts.place);
  copy[at('vacancy_id')] = `RP${row[at('vacancy_id')].slice(3)}`;
  copy[at('source')] = REPOST_SOURCE;
  copy[at('posted_date')] = isoOf(posted);
  copy[at('closed_date')] = '';
  copy[at('expiry_date')] = isoOf(expiry);
  copy[at('status')] = expiry < range.last ? 'expired' : 'open';
  copy[at('applications')] = '';
  copy[at('job_title')] = title;
  copy[at('occupation_code')] = '';
  copy[at('sector_code')] = '';
  copy[at('description')] = describeVacancy(random, { ...parts, title, company: perturbEmployer(random, parts.company) });
  copy[at('employer')] = perturbEmployer(random, parts.company);
  return copy;
}

const PREFIXES = ['Dibutuhkan', 'Lowongan', 'URGENT', 'Hiring', 'Dicari'];

/** One or two of the ways a board rewrites a title: case, a prefix, a place suffix, Staf/Staff, a typo. */
export function perturbTitle(random: Random, title: string, place: string): string {
  let out = title;
  const edits = random.between(1, 2);
  for (let i = 0; i < edits; i++) {
    const roll = random.next();
    if (roll < 0.2) out = random.next() < 0.5 ? out.toUpperCase() : out.toLowerCase();
    else if (roll < 0.45) out = `${random.pick(PREFIXES)} ${out}`;
    else if (roll < 0.65) out = `${out} - ${place}`;
    else if (roll < 0.75) out = /\bStaf\b/.test(out) ? out.replace(/\bStaf\b/, 'Staff') : `${out} (Urgent)`;
    else out = typo(random, out);
  }
  return out;
}

/** Two neighbouring letters of the longest word swapped (never its first letter). */
function typo(random: Random, title: string): string {
  const words = title.split(' ');
  let longest = 0;
  for (let i = 1; i < words.length; i++) if (words[i].length > words[longest].length) longest = i;
  const word = words[longest];
  if (word.length < 5) return title;
  const k = random.between(1, word.length - 3);
  words[longest] = word.slice(0, k) + word[k + 1] + word[k] + word.slice(k + 2);
  return words.join(' ');
}

/** "PT Sinar Jaya" as boards write it: "SINAR JAYA", "Sinar Jaya, PT", "PT. Sinar Jaya". */
function perturbEmployer(random: Random, company: string): string {
  const [form, ...rest] = company.split(' ');
  const name = rest.join(' ');
  switch (random.int(5)) {
    case 0: return company.toUpperCase();
    case 1: return name;
    case 2: return `${name}, ${form}`;
    case 3: return `${form}. ${name}`;
    default: return company;
  }
}
