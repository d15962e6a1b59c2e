// What every part of a generation run shares: the seeded random stream, the model,
// the period, the seasonal day samplers and the progress callback.
import { seasonOf, type MonthRange } from './calendar.ts';
import type { GeneratorModel } from './model.ts';
import { Random, WeightedSampler } from './random.ts';

export type Progress = (kind: string, done: number, total: number) => void;

export interface GenerateContext {
  random: Random;
  model: GeneratorModel;
  range: MonthRange;
  vacancyDays: WeightedSampler;
  seekerDays: WeightedSampler;
  vacancyValidityDays: number;
  /** Relative level at `day` of something growing by `annual` a year (1 at the period's middle). */
  trendFactor: (annual: number, day: number) => number;
  /** Upper bound of trendFactor over the occupations and the period, for rejection sampling. */
  trendBound: number;
  progress: Progress;
}

export function createContext(seed: number, model: GeneratorModel, range: MonthRange, vacancyValidityDays: number, progress: Progress): GenerateContext {
  const days = range.last - range.first + 1;
  const seasons = Array.from({ length: days }, (_, d) => seasonOf(range.first + d));
  const middle = (range.first + range.last) / 2;
  const trendFactor = (annual: number, day: number) => annual ** ((day - middle) / 365);
  const halfYears = days / 2 / 365;
  const trendBound = Math.max(...model.occupations.map((o) => Math.max(o.trend, 1 / o.trend) ** halfYears));
  return {
    random: new Random(seed),
    model,
    range,
    vacancyDays: new WeightedSampler(seasons.map((s) => s.vacancies)),
    seekerDays: new WeightedSampler(seasons.map((s) => s.seekers)),
    vacancyValidityDays,
    trendFactor,
    trendBound,
    progress,
  };
}
