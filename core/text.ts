// Text normalisation shared by every resolver (skills, titles, regions, education):
// case-, accent- and punctuation-insensitive comparison.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ALPHANUMERIC = /[^a-z0-9]+/g;

// Names whose punctuation is the name: kept as words before punctuation is dropped.
const PUNCTUATED_NAMES: [RegExp, string][] = [
  [/(^|[^a-z0-9])c\+\+/g, '$1 cpp '],
  [/(^|[^a-z0-9])c#/g, '$1 csharp '],
  [/(^|[^a-z0-9])\.net\b/g, '$1 dotnet '],
];

/** Lowercase, strip accents, turn every run of non-alphanumerics into one space, trim. */
export function normalizeText(value: string): string {
  let text = value.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
  if (text.includes('+') || text.includes('#') || text.includes('.net')) text = normalizePunctuatedNames(text);
  return text.replace(NON_ALPHANUMERIC, ' ').trim();
}

/** "c++" → " cpp ", "c#" → " csharp ", ".net" → " dotnet " in lowercased text. */
export function normalizePunctuatedNames(lowercased: string): string {
  let text = lowercased;
  for (const [pattern, replacement] of PUNCTUATED_NAMES) text = text.replace(pattern, replacement);
  return text;
}

/** Split a `|`-separated list field into trimmed, non-empty items. */
export function splitList(value: string | undefined): string[] {
  if (!value) return [];
  return value.split('|').map((item) => item.trim()).filter((item) => item.length > 0);
}
