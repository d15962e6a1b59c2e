// A page's filter form (views/partials/filters.hbs) and the validation of what it sends:
// the page's filters parsed once (400 for a malformed value, 404 for an unknown code), its
// own parameters, and what its figures are of in words (the scope line).
import type { Request } from 'express';
import { badRequest, notFound } from '../../core/errors.ts';
import { checkCodes, parseFilters } from '../../core/filters.ts';
import { regionChoices, type Dimensions } from '../../core/dimensions.ts';
import { fill, format, messages, type Lang, type Messages } from '../i18n.ts';
import type { PageDef, PageFilters } from '../pages/page.ts';
import type { FilterField } from '../render.ts';

/** What the figures are of, in words (region · month · sector · occupation), shown under the title and on paper. */
export function scopeLine(dims: Dimensions, filters: PageFilters, page: PageDef, lang: Lang): string {
  const m = messages(lang);
  const region = dims.region.get(filters.region);
  const parts = [region?.region_level === 'national' ? m.common.national : region?.region_name ?? filters.region, format(lang).month(filters.period)];
  if (filters.sector) parts.push(`${m.common.sector}: ${filters.sector} · ${(m.sectors as Record<string, string>)[filters.sector] ?? ''}`);
  if (filters.occupation) {
    const isco = dims.isco.get(filters.occupation);
    parts.push(`${m.common.occupation}: ${filters.occupation} · ${lang === 'id' ? isco?.title_id : isco?.title_en}`);
  }
  if (filters.employment_type) parts.push(`${m.apprenticeships.employmentType}: ${(m.match.types as Record<string, string>)[filters.employment_type] ?? filters.employment_type}`);
  return page.filters.includes('region') || page.path.includes(':code') ? parts.join(' · ') : parts.slice(1).join(' · ');
}

/** Validate the page's query once: unknown parameters and malformed values are 400, unknown codes 404. */
export async function pageFilters(page: PageDef, req: Request, dims: Dimensions): Promise<PageFilters> {
  const { periods } = dims;
  const query = Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter(([k, v]) => v !== '' && !page.params?.includes(k)));
  const parsed = parseFilters({ name: `page ${page.path}`, filters: page.filters }, query);
  if (page.path === '/regions/:code') parsed.region = validCode(req.params.code as string, 'region', /^(ID|\d{2}|\d{2}\.\d{2})$/);
  if (page.path === '/occupations/:code') parsed.occupation = validCode(req.params.code as string, 'occupation', /^\d{1,4}$/);
  checkCodes(parsed, dims);
  if (parsed.period && !periods.includes(parsed.period)) throw notFound(`no data for period ${parsed.period} (data covers ${periods[0]} to ${periods.at(-1)})`, 'period');
  const period = parsed.period ?? periods.at(-1);
  if (!period) throw notFound('the warehouse holds no months of data yet');
  return { period, region: parsed.region ?? 'ID', sector: parsed.sector, occupation: page.path === '/occupations/:code' ? undefined : parsed.occupation, employment_type: parsed.employment_type };
}

/** The page's own parameters (PageDef.params), each given once; empty values left out. */
export function pageParams(page: PageDef, req: Request): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of page.params ?? []) {
    const value = (req.query as Record<string, unknown>)[name];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string') throw badRequest(`${name} must be given once, with a value`, name);
    params[name] = value;
  }
  return params;
}

function validCode(value: string, name: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw badRequest(`invalid ${name} code: "${value}"`, name);
  return value;
}

export function filterFields(page: PageDef, filters: PageFilters, dims: Dimensions, m: Messages, lang: Lang): FilterField[] {
  const f = format(lang);
  const { periods } = dims;
  const fields: FilterField[] = [];
  const option = (value: string, label: string, selected: boolean) => ({ value, label, selected });
  for (const name of page.filters) {
    if (name === 'period') {
      fields.push({ name, label: m.common.period, options: [...periods].reverse().map((p) => option(p, f.month(p), p === filters.period)) });
    } else if (name === 'region') {
      const regions = regionChoices(dims, filters.region);
      const provinces = regions.filter((r) => r.region_level !== 'regency');
      const regencies = regions.filter((r) => r.region_level === 'regency');
      fields.push({
        name, label: m.common.region,
        options: provinces.map((r) => option(r.region_code, r.region_level === 'national' ? m.common.national : r.region_name, r.region_code === filters.region)),
        groups: regencies.length ? [{ label: fill(m.common.regenciesOf, { province: provinces.find((p) => p.region_code === filters.region.slice(0, 2))?.region_name ?? '' }), options: regencies.map((r) => option(r.region_code, r.region_name, r.region_code === filters.region)) }] : undefined,
      });
    } else if (name === 'sector') {
      const sectors = Object.entries(m.sectors);
      fields.push({ name, label: m.common.sector, options: [option('', m.common.allSectors, !filters.sector), ...sectors.map(([code, title]) => option(code, `${code} · ${title}`, code === filters.sector))] });
    } else if (name === 'occupation') {
      const groups = [...dims.isco.values()].filter((g) => g.level <= 2);
      fields.push({ name, label: m.common.occupation, options: [option('', m.common.allOccupations, !filters.occupation), ...groups.map((g) => option(g.code, `${g.code.length === 2 ? '\u2003' : ''}${g.code} · ${lang === 'id' ? g.title_id : g.title_en}`, g.code === filters.occupation))] });
    } else if (name === 'employment_type') {
      // demand from vacancies of the type, supply from every seeker (core/sql/*_filtered.sql)
      fields.push({ name, label: m.apprenticeships.employmentType, options: [option('', m.apprenticeships.allTypes, !filters.employment_type), ...Object.entries(m.match.types).map(([code, label]) => option(code, label, code === filters.employment_type))] });
    }
  }
  return fields;
}
