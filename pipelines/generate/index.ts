// `sinergi generate`: writes a vacancy, a seeker and a placement extract in the DESIGN §2
// layout. Deterministic for a seed, streamed row by row (only a compact typed-array
// index of filled vacancies is kept for placements).
import fs from 'node:fs';
import path from 'node:path';
import { METHODOLOGY } from '../../core/methodology.ts';
import type { Reference } from '../../core/reference.ts';
import { monthRange } from './calendar.ts';
import { createContext, type Progress } from './context.ts';
import { buildModel } from './model.ts';
import { PLACEMENT_COLUMNS, SEEKER_COLUMNS, generateSeekers } from './seekers.ts';
import { openSink, type Format } from './sinks.ts';
import { VACANCY_COLUMNS, generateVacancies } from './vacancies.ts';

export interface GenerateOptions {
  vacancies: number;
  seekers: number;
  months: number;
  end: string;
  seed: number;
  out: string;
  format: Format;
  vacancyValidityDays?: number;
  /** Share of vacancies asking for 25–40 skills, as long real adverts do (0: none, the shipped default). */
  longSkillShare?: number;
  /** Share of vacancies re-posted on a second source (`jobboard`) with perturbed title, employer and dates (0: none). */
  repostShare?: number;
}

export interface GenerateResult {
  files: { kind: string; file: string; rows: number; bytes: number }[];
  vacancies: number;
  seekers: number;
  placements: number;
  period: { from: string; to: string };
}

export async function generate(options: GenerateOptions, reference: Reference, progress: Progress = () => {}): Promise<GenerateResult> {
  const range = monthRange(options.end, options.months);
  const model = buildModel(reference);
  const ctx = createContext(options.seed, model, range, options.vacancyValidityDays ?? METHODOLOGY.vacancyValidityDays, progress);
  fs.mkdirSync(options.out, { recursive: true });
  const period = `${range.months[0]}_${range.months[range.months.length - 1]}`;
  const fileOf = (kind: string) => path.join(options.out, `${kind}_${period}.${options.format}`);

  const counted = (kind: string, columns: readonly string[], expected: number) => {
    const sink = openSink(options.format, fileOf(kind), [...columns], kind, expected);
    const state = { rows: 0 };
    return {
      write: (row: string[]) => { state.rows++; return sink.write(row); },
      close: () => sink.close(),
      state,
    };
  };

  const vacancies = counted('vacancies', VACANCY_COLUMNS, Math.ceil(options.vacancies * (1.01 + (options.repostShare ?? 0))));
  const filled = await generateVacancies(ctx, options.vacancies, vacancies.write, options.longSkillShare ?? 0, options.repostShare ?? 0);
  await vacancies.close();

  const seekers = counted('seekers', SEEKER_COLUMNS, Math.ceil(options.seekers * 1.01));
  const placements = counted('placements', PLACEMENT_COLUMNS, options.seekers);
  const placed = await generateSeekers(ctx, options.seekers, filled, { seekers: seekers.write, placements: placements.write });
  await seekers.close();
  await placements.close();

  const files = ([['vacancies', vacancies], ['seekers', seekers], ['placements', placements]] as const).map(([kind, sink]) => ({
    kind, file: fileOf(kind), rows: sink.state.rows, bytes: fs.statSync(fileOf(kind)).size,
  }));
  return {
    files, vacancies: options.vacancies, seekers: options.seekers, placements: placed,
    period: { from: range.months[0], to: range.months[range.months.length - 1] },
  };
}
