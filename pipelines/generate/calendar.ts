// Day arithmetic on whole days since 1970-01-01 (UTC), the seasons of Indonesian
// hiring, and the date spellings found in real extracts.

const MS_PER_DAY = 86_400_000;

export function dayOf(isoDate: string): number { return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / MS_PER_DAY); }
export function isoOf(day: number): string { return new Date(day * MS_PER_DAY).toISOString().slice(0, 10); }

/** 31/01/2025: the Indonesian convention. */
export function dmyOf(day: number, separator = '/'): string {
  const iso = isoOf(day);
  return `${iso.slice(8, 10)}${separator}${iso.slice(5, 7)}${separator}${iso.slice(0, 4)}`;
}

export interface MonthRange { first: number; last: number; months: string[] }

/** The `count` months ending with `endMonth` (YYYY-MM), as a day range. */
export function monthRange(endMonth: string, count: number): MonthRange {
  const [year, month] = endMonth.split('-').map(Number);
  const months: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(year, month - 1 - i, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  const first = dayOf(`${months[0]}-01`);
  const last = Math.floor(Date.UTC(year, month, 1) / MS_PER_DAY) - 1;
  return { first, last, months };
}

/** Idul Fitri (Lebaran, 1 Syawal) as set by the Indonesian government. */
export const LEBARAN: Readonly<Record<number, string>> = {
  2018: '2018-06-15', 2019: '2019-06-05', 2020: '2020-05-24', 2021: '2021-05-13', 2022: '2022-05-02',
  2023: '2023-04-22', 2024: '2024-04-10', 2025: '2025-03-31', 2026: '2026-03-20', 2027: '2027-03-10',
  2028: '2028-02-27', 2029: '2029-02-14', 2030: '2030-02-05',
};

export interface Season { vacancies: number; seekers: number }

/**
 * Relative daily intensity of postings and registrations: few postings at weekends and
 * during the fasting month and Lebaran week, a hiring wave after Lebaran (when workers
 * return from mudik and replace those who left), school leavers registering in June–August,
 * and a slow December.
 */
export function seasonOf(day: number): Season {
  const date = new Date(day * MS_PER_DAY);
  const weekday = date.getUTCDay();
  const month = date.getUTCMonth() + 1;
  const lebaranIso = LEBARAN[date.getUTCFullYear()];
  let vacancies = weekday === 0 ? 0.25 : weekday === 6 ? 0.55 : 1;
  let seekers = weekday === 0 ? 0.2 : weekday === 6 ? 0.5 : 1;
  if (lebaranIso) {
    const sinceLebaran = day - dayOf(lebaranIso);
    if (sinceLebaran >= -30 && sinceLebaran < -7) { vacancies *= 0.8; seekers *= 0.85; }
    else if (sinceLebaran >= -7 && sinceLebaran < 7) { vacancies *= 0.3; seekers *= 0.25; }
    else if (sinceLebaran >= 7 && sinceLebaran < 45) { vacancies *= 1.45; seekers *= 1.35; }
  }
  if (month >= 6 && month <= 8) seekers *= 1.35;
  if (month === 12) vacancies *= 0.8;
  if (month === 1) vacancies *= 1.1;
  return { vacancies, seekers };
}
