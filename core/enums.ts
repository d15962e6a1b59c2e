// The enumerated values of the data contract (DESIGN §2), declared once: what the warehouse
// stores in vacancy.status, vacancy.employment_type, seeker.status, seeker.gender and
// seeker.disability. Ingest maps each source's words to these (pipelines/ingest/enums.ts)
// and names them in its error messages; nothing else lists them by hand.

export const VACANCY_STATUSES = ['open', 'filled', 'cancelled', 'expired'] as const;
export const EMPLOYMENT_TYPES = ['full-time', 'part-time', 'contract', 'apprenticeship', 'internship'] as const;
export const SEEKER_STATUSES = ['active', 'placed', 'inactive'] as const;
/** Laki-laki, perempuan (the codes of the AK/I card). */
export const GENDERS = ['L', 'P'] as const;
/** Stored as BOOLEAN. */
export const DISABILITY = ['true', 'false'] as const;

export type VacancyStatus = (typeof VACANCY_STATUSES)[number];
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export type SeekerStatus = (typeof SEEKER_STATUSES)[number];
export type Gender = (typeof GENDERS)[number];

/** Each enumeration's stored values, by the name ingest gives its domain. */
export const ENUM_VALUES = {
  vacancy_status: VACANCY_STATUSES,
  employment_type: EMPLOYMENT_TYPES,
  seeker_status: SEEKER_STATUSES,
  gender: GENDERS,
  disability: DISABILITY,
} as const;
export type EnumDomain = keyof typeof ENUM_VALUES;

/** "open, filled, cancelled or expired": the values as a message names them. */
export function listOf(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
