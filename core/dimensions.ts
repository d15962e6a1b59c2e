// The small dimension tables every page reads (months, regions, ISCO groups, skill ids),
// read once per data version instead of by a query each time a page needs a name, a list
// of choices or to know that a code exists (one uncached page asked dim_region up to 7 times).
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows } from './duckdb.ts';

export interface RegionRow { region_code: string; region_name: string; region_level: 'national' | 'province' | 'regency' | string; parent_code: string | null; sort_key: number }
export interface IscoRow { code: string; title_id: string; title_en: string; level: number }
export interface SkillRow { skill_id: string; label_id: string; label_en: string; skill_group: string; transversal: boolean }

export interface Dimensions {
  /** Months with data, oldest first. */
  periods: string[];
  /** Every region in dim_region's order (sort_key). */
  regions: RegionRow[];
  region: Map<string, RegionRow>;
  /** ISCO groups of every level, by code, in code order. */
  isco: Map<string, IscoRow>;
  /** The taxonomy's skills by id. */
  skills: Map<string, SkillRow>;
}

export async function loadDimensions(connection: DuckDBConnection): Promise<Dimensions> {
  const periods = (await rows<{ period: string }>(connection, 'SELECT period FROM dim_period ORDER BY period')).map((r) => r.period);
  const regions = await rows<RegionRow>(connection, 'SELECT region_code, region_name, region_level, parent_code, sort_key FROM dim_region ORDER BY sort_key');
  const isco = await rows<IscoRow>(connection, 'SELECT code, title_id, title_en, level::INTEGER AS level FROM dim_isco ORDER BY code');
  const skills = await rows<SkillRow>(connection, 'SELECT skill_id, label_id, label_en, skill_group, transversal FROM dim_skill ORDER BY skill_id');
  return {
    periods, regions,
    region: new Map(regions.map((r) => [r.region_code, r])),
    isco: new Map(isco.map((r) => [r.code, r])),
    skills: new Map(skills.map((r) => [r.skill_id, r])),
  };
}

/** The regions a region filter offers: the country, the provinces, and the regencies of the region's province. */
export function regionChoices(dims: Dimensions, region: string): RegionRow[] {
  const province = region.slice(0, 2);
  return dims.regions.filter((r) => r.region_level !== 'regency' || r.parent_code === province);
}

/** A regency's province (undefined for a province or the country). */
export function provinceOf(dims: Dimensions, region: string): RegionRow | undefined {
  return /^\d{2}\.\d{2}$/.test(region) ? dims.region.get(region.slice(0, 2)) : undefined;
}

/**
 * The dimensions of a data version, read by the first caller that needs them (a failed read
 * is tried again). The two latest versions are kept: a request still running on the file
 * just replaced does not evict the new version's.
 */
export interface DimensionCache { get(version: string, connection: DuckDBConnection): Promise<Dimensions> }

export function createDimensionCache(kept = 2): DimensionCache {
  const versions = new Map<string, Promise<Dimensions>>();
  return {
    get(version, connection) {
      let dims = versions.get(version);
      if (!dims) {
        const loading = loadDimensions(connection);
        loading.catch(() => { if (versions.get(version) === loading) versions.delete(version); });
        versions.set(version, loading);
        if (versions.size > kept) versions.delete(versions.keys().next().value!);
        dims = loading;
      }
      return dims;
    },
  };
}
