// Text normalisation shared by every resolver (skills, titles, regions, education):
// case-, accent- and punctuation-insensitive comparison.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ALPHANUMERIC = /[^a-z0-9]+/g;

/** Lowercase, strip accents, turn every run of non-alphanumerics into one space, trim. */
export function normalizeText(value: string): string {
  return value
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(NON_ALPHANUMERIC, ' ')
    .trim();
}

/** Split a `|`-separated list field into trimmed, non-empty items. */
export function splitList(value: string | undefined): string[] {
  if (!value) return [];
  return value.split('|').map((item) => item.trim()).filter((item) => item.length > 0);
}
