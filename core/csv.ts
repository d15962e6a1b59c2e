// CSV lines (RFC 4180): a field with a comma, quote or line break is quoted, quotes doubled.
const NEEDS_QUOTES = /[",\n\r]/;

export function csvLine(values: readonly string[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) line += ',';
    line += NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }
  return line + '\n';
}

/** A published value as CSV text: empty for null (withheld or missing), numbers as JavaScript writes them. */
export function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}
