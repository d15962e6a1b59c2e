// Resolves what people write for a place ("Jabar", "Kab. Bogor", "Kota Adm. Jakarta
// Pusat", "Sidoarjo Regency", "32.73", "Jakarta Selatan, DKI Jakarta") to BPS codes.
// A name that fits several places is not guessed: a bare name shared by a regency and a
// city of the same province resolves to that province only; across provinces, not at all.
// Names are compared by a normalised form that ignores case, spaces, hyphens and dots,
// reads a KAB./KABUPATEN/KOTA/KOTA ADM. prefix as the kind of place, and folds the old
// spellings oe/dj/tj ("KOTA PADANGSIDIMPUAN" is Padang Sidempuan through region_aliases.csv,
// "KABUPATENMUKOMUKO" is Muko Muko). A place that is the whole country ("Indonesia",
// "Remote", "WFH") is no region: `isNationalPlace` tells it apart from an unknown name.
import type { Reference } from './reference.ts';
import { normalizeText } from './text.ts';

export interface ResolvedRegion { provinceCode: string; regencyCode: string | null }
export type RegionResolver = (value: string) => ResolvedRegion | null;

const PROVINCE_WORDS = /^(provinsi|propinsi|prov|province of|province)\s+|\s+(province|provinsi)$/;
const IGNORED_PARTS = new Set(['indonesia', 'id', 'idn', 'republik indonesia']);
const PARENTHESES = /\([^)]*\)/g;
/** A kind-of-place prefix as normalizeText leaves it: "KAB." → "kab", "KOTA ADM." → "kota adm". */
const KIND_PREFIX = /^(kabupaten administrasi|kabupaten adm|kab adm|kabupaten|kab|kota administrasi|kota adm|kotamadya|kodya|kota)\s*(.+)$/;
type PlaceKind = 'kabupaten' | 'kota';

/** Locations that mean the whole country (normalised): a national vacancy, in no province. */
const NATIONAL_PLACES = new Set([
  'indonesia', 'republik indonesia', 'nkri', 'seluruh indonesia', 'semua wilayah indonesia', 'seluruh wilayah indonesia',
  'anywhere in indonesia', 'anywhere', 'all indonesia', 'across indonesia', 'nationwide', 'nasional', 'national',
  'remote', 'fully remote', 'full remote', 'remote work', 'remote indonesia', 'indonesia remote', 'wfh', 'work from home',
  'wfa', 'work from anywhere', 'kerja dari rumah', 'bekerja dari rumah', 'dari rumah', 'di mana saja', 'dimana saja',
  'semua kota', 'seluruh kota', 'all cities', 'penempatan seluruh indonesia', 'siap ditempatkan di seluruh indonesia',
]);

/** Whether a location names the whole country ("Indonesia", "Remote", "Seluruh Indonesia", "WFH, Indonesia"). */
export function isNationalPlace(value: string): boolean {
  const parts = value.replace(/[()]/g, ',').split(/[,/;|]| - /).map((p) => normalizeText(p)).filter((p) => p !== '');
  return parts.length > 0 && parts.every((p) => NATIONAL_PLACES.has(p));
}

/** The compared form of a name: no spaces, old spellings (oe, dj, tj) folded. */
export function compactName(normalized: string): string {
  return normalized.replace(/ /g, '').replace(/oe/g, 'u').replace(/dj/g, 'j').replace(/tj/g, 'c');
}

function splitKind(normalized: string): { kind: PlaceKind; bare: string } | null {
  const m = KIND_PREFIX.exec(normalized);
  return m ? { kind: m[1].startsWith('kota') || m[1].startsWith('kodya') ? 'kota' : 'kabupaten', bare: m[2] } : null;
}

export function createRegionResolver(reference: Pick<Reference, 'provinces' | 'regencies' | 'regionAliases'>): RegionResolver {
  const byName = buildNameIndex(reference);
  const provinceCodes = new Set(reference.provinces.map((p) => p.code));
  const regencyProvince = new Map(reference.regencies.map((r) => [r.code, r.provinceCode]));

  const fromCode = (value: string): ResolvedRegion | null => {
    const m = /^(\d{2})(?:[.\s-]?(\d{2}))?$/.exec(value.trim());
    if (!m) return null;
    if (!m[2]) return provinceCodes.has(m[1]) ? { provinceCode: m[1], regencyCode: null } : null;
    const code = `${m[1]}.${m[2]}`;
    return regencyProvince.has(code) ? { provinceCode: m[1], regencyCode: code } : null;
  };

  // Names are also compared in their compact form: "Palangka Raya" is KOTA PALANGKARAYA,
  // "Baubau" KOTA BAU BAU; and by kind and compact bare name: "KAB.TANGERANG", "KOTA BAU-BAU".
  const compact = new Map<string, ResolvedRegion | 'ambiguous'>();
  const putCompact = (map: Map<string, ResolvedRegion | 'ambiguous'>, key: string, region: ResolvedRegion | 'ambiguous') => {
    const existing = map.get(key);
    map.set(key, existing === undefined || (existing !== 'ambiguous' && region !== 'ambiguous' && sameRegion(existing, region)) ? region : 'ambiguous');
  };
  for (const [key, region] of byName) putCompact(compact, compactName(key), region);
  const byKind = buildKindIndex(reference);
  const fromName = (part: string): ResolvedRegion | null | 'ambiguous' => {
    const key = normalizeText(part);
    const bare = key.replace(PROVINCE_WORDS, '');
    const direct = byName.get(key) ?? byName.get(bare) ?? compact.get(compactName(key)) ?? compact.get(compactName(bare));
    if (direct !== undefined) return direct;
    const kinded = splitKind(key);
    return kinded ? byKind[kinded.kind].get(compactName(kinded.bare)) ?? null : null;
  };

  return (value: string) => {
    if (!value?.trim()) return null;
    const coded = fromCode(value);
    if (coded) return coded;
    const cleaned = value.replace(PARENTHESES, ' ');
    const whole = fromName(cleaned);
    if (whole && whole !== 'ambiguous') return whole;
    // "Jakarta Selatan, DKI Jakarta, Indonesia": resolve each part, keep the most specific
    // one that agrees with the others.
    const parts = cleaned.split(/[,/;|]| - /).map((p) => p.trim()).filter((p) => p && !IGNORED_PARTS.has(normalizeText(p)));
    if (parts.length < 2) return null;
    const found = parts.map(fromName).filter((r): r is ResolvedRegion => r !== null && r !== 'ambiguous');
    if (found.length === 0) return null;
    const provinces = new Set(found.map((r) => r.provinceCode));
    if (provinces.size > 1) return null;
    return found.find((r) => r.regencyCode !== null) ?? found[0];
  };
}

function buildNameIndex(reference: Pick<Reference, 'provinces' | 'regencies' | 'regionAliases'>): Map<string, ResolvedRegion | 'ambiguous'> {
  const index = new Map<string, ResolvedRegion | 'ambiguous'>();
  const exact = new Set<string>();
  const put = (key: string, region: ResolvedRegion, isExact: boolean) => {
    const existing = index.get(key);
    if (isExact) {
      exact.add(key);
      index.set(key, region);
      return;
    }
    if (exact.has(key)) return;
    if (!existing) index.set(key, region);
    else if (existing !== 'ambiguous' && !sameRegion(existing, region)) {
      // Same bare name for a regency and a city of one province → the province.
      index.set(key, existing.provinceCode === region.provinceCode ? { provinceCode: region.provinceCode, regencyCode: null } : 'ambiguous');
    }
  };

  for (const p of reference.provinces) put(normalizeText(p.name), { provinceCode: p.code, regencyCode: null }, true);
  for (const r of reference.regencies) {
    const region = { provinceCode: r.provinceCode, regencyCode: r.code };
    const full = normalizeText(r.name);
    put(full, region, true);
    const m = /^(kabupaten administrasi|kota administrasi|kabupaten|kota)\s+(.+)$/.exec(full);
    if (!m) continue;
    const [, kind, bare] = m;
    const isCity = kind.startsWith('kota');
    const variants = isCity
      ? [`kota ${bare}`, `kota adm ${bare}`, `kodya ${bare}`, `kotamadya ${bare}`, `${bare} city`, `city of ${bare}`]
      : [`kabupaten ${bare}`, `kab ${bare}`, `kab adm ${bare}`, `${bare} regency`, `regency of ${bare}`];
    for (const v of variants) put(v, region, true);
    put(bare, region, false);
  }
  // A bare name equal to a province name means the province ("Bengkulu", "Gorontalo").
  for (const p of reference.provinces) index.set(normalizeText(p.name), { provinceCode: p.code, regencyCode: null });
  for (const a of reference.regionAliases) {
    const [provinceCode] = a.code.split('.');
    index.set(normalizeText(a.alias), { provinceCode, regencyCode: a.code.includes('.') ? a.code : null });
  }
  return index;
}

/** Regencies (KABUPATEN) and cities (KOTA) by compact bare name, aliases of regencies included. */
function buildKindIndex(reference: Pick<Reference, 'regencies' | 'regionAliases'>): Record<PlaceKind, Map<string, ResolvedRegion>> {
  const index: Record<PlaceKind, Map<string, ResolvedRegion>> = { kabupaten: new Map(), kota: new Map() };
  const kindOf = new Map<string, PlaceKind>();
  for (const r of reference.regencies) {
    const kinded = splitKind(normalizeText(r.name));
    if (!kinded) continue;
    kindOf.set(r.code, kinded.kind);
    index[kinded.kind].set(compactName(kinded.bare), { provinceCode: r.provinceCode, regencyCode: r.code });
  }
  for (const a of reference.regionAliases) {
    const kind = kindOf.get(a.code);
    const key = compactName(splitKind(normalizeText(a.alias))?.bare ?? normalizeText(a.alias));
    if (kind && !index[kind].has(key)) index[kind].set(key, { provinceCode: a.code.split('.')[0], regencyCode: a.code });
  }
  return index;
}

function sameRegion(a: ResolvedRegion, b: ResolvedRegion): boolean {
  return a.provinceCode === b.provinceCode && a.regencyCode === b.regencyCode;
}
