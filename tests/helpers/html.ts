// Parse a served page into a DOM (linkedom) so tests read it as a user would: headings,
// figures, tables, links.
import { parseHTML } from 'linkedom';

export function parsePage(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

/** The rows of a table as arrays of cell text. */
export function tableRows(table: Element): string[][] {
  return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''));
}

/** The value shown in a headline box, found by its label. */
export function headline(document: Document, label: string): string | undefined {
  const box = [...document.querySelectorAll('.headline')].find((h) => h.querySelector('.label')?.textContent?.trim() === label);
  return box?.querySelector('.value')?.textContent?.trim();
}
