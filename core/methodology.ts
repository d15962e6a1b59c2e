// The metric constants of DESIGN §4, in one place. Configuration defaults, the marts
// and the methodology page all read them from here, so the page cannot drift from the code.

export const METHODOLOGY = {
  /** Days after posted_date a vacancy stays active when it has neither closed_date nor expiry_date. */
  vacancyValidityDays: 89,
  /** Days after registered_date a seeker stays active when neither placed nor deregistered. */
  seekerValidityDays: 179,
  /** Minimum skill coverage for a seeker to be qualified for a vacancy. */
  theta: 0.8,
  /** Smallest person count published; 1 to 4 are withheld. 1 turns withholding off. */
  minCell: 5,
  /** Imbalance index threshold: |I_k| ≥ ln 1.5 marks a shortage or surplus. */
  imbalanceThreshold: Math.log(1.5),
  /** D_k + S_k below this is `insufficient`. */
  insufficientBelow: 10,
  /** Demand (shortage) or supply (surplus) needed before a status is given. */
  statusMinCount: 5,
  /** growth_3m at or above this, with enough volume, marks a skill as emerging. */
  emergingGrowth: 0.25,
  /** New openings requiring the skill in the last 3 months needed to call it emerging. */
  emergingMinOpenings: 20,
  /** Age groups of the seeker profile (lower bounds, years). */
  ageGroups: [15, 25, 35, 45, 55] as const,
} as const;

/** Education order of DESIGN §4: equal rank = equal level. */
export const EDUCATION_RANK: Readonly<Record<string, number>> = {
  SD: 1, SMP: 2, SMA: 3, SMK: 3, D1: 4, D2: 5, D3: 6, D4: 7, S1: 7, S2: 8, S3: 9,
};
