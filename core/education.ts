// Resolves education spellings seen in real files (SLTA, STM, D-III, S-1, Bachelor…)
// to the levels of DESIGN §4, and compares levels in their order (SMA = SMK, D4 = S1).
import { EDUCATION_RANK } from './methodology.ts';
import type { Reference } from './reference.ts';
import { normalizeText } from './text.ts';

export type EducationResolver = (value: string) => string | null;

export function createEducationResolver(reference: Pick<Reference, 'educationLevels'>): EducationResolver {
  const index = new Map<string, string>();
  for (const level of reference.educationLevels) {
    for (const name of [level.code, level.labelId, level.labelEn, ...level.aliases]) index.set(normalizeText(name), level.code);
  }
  return (value: string) => {
    const key = normalizeText(value);
    if (key === '') return null;
    return index.get(key) ?? index.get(key.replace(/^(minimal|min|minimum|pendidikan|lulusan|tamatan)\s+/, '')) ?? null;
  };
}

/** Education met: the seeker's level is at least the vacancy's minimum; unknown on either side counts as met. */
export function educationMet(seekerLevel: string | null, minimum: string | null): boolean {
  const have = seekerLevel ? EDUCATION_RANK[seekerLevel] : undefined;
  const need = minimum ? EDUCATION_RANK[minimum] : undefined;
  if (have === undefined || need === undefined) return true;
  return have >= need;
}
