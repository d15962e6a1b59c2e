// An analyst with the published downloads and a spreadsheet, trying to recover withheld
// person counts (issue 19). It knows only what is published: the rows of every dataset (as
// core/query serves them), the data dictionary (which columns count persons) and the
// methodology (how counts add up, how rates and statuses are computed). It never reads the
// marts; the test checks its candidates against them.
//
// Attacks, all at once so that one feeds another:
// - subtraction over every additive structure: a region and its child regions, the
//   categories of a seeker-profile dimension and their total (the labour-market count:
//   placements = placed_seekers too), an ISCO code and its one-digit-longer codes; as
//   interval propagation (each withheld count is at least 1, zeros being published), which
//   also recovers "a small parent over all-withheld children";
// - inversion of derived columns: ratios and rates (count = published count / ratio), the
//   skill-gaps ratio, unmet openings, imbalance index, status (insufficient ⇔ D + S < 10) and
//   relative status (insufficient ⇔ D + S < 30), seekers unlocked per 100 hours, openings
//   fillable (the lesser of seekers and openings unlocked), and ranks tied with a published value.
// Against rounding to base k (attack(published, { roundedTo: k })): a published r means a
// true value in [r − k + 1, r + k − 1] (and ≥ 0), and the same interval propagation over every
// sum looks for a cell pinned to one value; derived columns are recomputed from the rounded
// counts, so inverting them gives back the rounded counts and nothing more.
import { DATASETS } from '../../core/datasets.ts';
import { METHODOLOGY } from '../../core/methodology.ts';

export type Rows = Record<string, unknown>[];
export type Published = Record<string, Rows>;

/** The attacker's name of the count a column publishes (equal counts share one name) and the row's keys. */
function measureOf(dataset: string, column: string): string {
  if (dataset === 'seeker-profile' || dataset === 'labour-market-monthly') return `lm.${column === 'placed_seekers' ? 'placements' : column}`;
  return `${dataset}.${column}`;
}
function keysOf(dataset: string, row: Record<string, unknown>): [string, string] {
  switch (dataset) {
    case 'seeker-profile': return [String(row.dimension), String(row.category)];
    case 'skill-gaps': case 'upskilling-leverage': return [String(row.skill_id), ''];
    case 'occupation-demand': return [String(row.isco_code), ''];
    case 'training-recommendations': return [String(row.programme_id), ''];
    default: return ['', ''];
  }
}
const cellKey = (measure: string, period: unknown, region: unknown, k1: string, k2: string) => `${measure}|${period}|${region}|${k1}|${k2}`;
export function cellOf(dataset: string, column: string, row: Record<string, unknown>): string {
  const [k1, k2] = keysOf(dataset, row);
  return cellKey(measureOf(dataset, column), row.period, row.region_code, k1, k2);
}
const parentRegion = (code: string) => (code === 'ID' ? null : code.includes('.') ? code.split('.')[0] : 'ID');
const PROVINCES_ONLY = new Set(['matching-quality.near_miss_seekers', 'upskilling-leverage.seekers_unlocked', 'training-recommendations.seekers_unlocked']);
const NOT_ADDITIVE = new Set(['matching-quality.median_pool_depth']);

interface Bound { lo: number; hi: number }
export interface Candidate { value: number; how: string }

/** Exact values the attacker derives for withheld (or rounded) cells (cell key → value and how). */
export function attack(published: Published, options: { roundedTo?: number } = {}): Map<string, Candidate> {
  const base = options.roundedTo;
  const known = new Map<string, number>();
  const bounds = new Map<string, Bound>();
  const exact = new Map<string, Candidate>();
  const withheldAt = new Set<string>();
  const additive = new Map<string, { dataset: string; column: string; measure: string; region: string; period: string; k1: string; k2: string }>();
  for (const d of DATASETS) {
    for (const row of published[d.name] ?? []) {
      for (const c of d.columns.filter((x) => x.persons)) {
        const key = cellOf(d.name, c.name, row);
        const value = row[c.name];
        if (value === null || value === undefined) {
          if (!String(row.withheld).split(';').includes(c.name)) continue;
          withheldAt.add(key);
          // Zeros are published, so a withheld count is at least 1; except at a level where the
          // dictionary says the column is not published at all (zeros withheld too).
          const everywhere = !c.levels || c.levels.includes(row.region_level as 'national' | 'province' | 'regency');
          if (!known.has(key)) bounds.set(key, { lo: everywhere ? 1 : 0, hi: Infinity });
        }
        else if (base) {
          // rounded: each published count is within k − 1 of the true one (the same cell rounds alike)
          const r = Number(value);
          const b = bounds.get(key) ?? { lo: 0, hi: Infinity };
          bounds.set(key, { lo: Math.max(b.lo, r - base + 1, 0), hi: Math.min(b.hi, r + base - 1) });
        }
        else { known.set(key, Number(value)); bounds.delete(key); }
        if (!NOT_ADDITIVE.has(`${d.name}.${c.name}`)) {
          const [k1, k2] = keysOf(d.name, row);
          additive.set(key, { dataset: d.name, column: c.name, measure: measureOf(d.name, c.name), region: String(row.region_code), period: String(row.period), k1, k2 });
        }
      }
    }
  }
  const found = (key: string, value: number, how: string) => {
    if (!bounds.has(key) || !Number.isFinite(value)) return;
    const v = Math.round(value);
    if (Math.abs(v - value) > 1e-6) return;
    if (!exact.has(key)) exact.set(key, { value: v, how });
    bounds.set(key, { lo: v, hi: v });
  };
  const narrow = (key: string, lo: number, hi: number) => {
    const b = bounds.get(key);
    if (!b) return false;
    const next = { lo: Math.max(b.lo, Math.ceil(lo - 1e-9)), hi: Math.min(b.hi, Math.floor(hi + 1e-9)) };
    if (next.lo === b.lo && next.hi === b.hi) return false;
    bounds.set(key, next);
    return true;
  };
  // The same count published in one place and withheld in another.
  for (const key of withheldAt) if (known.has(key)) exact.set(key, { value: known.get(key)!, how: 'published elsewhere' });
  if (!base) invertDerived(published, known, found, narrow);

  // Relations parent = Σ children, as the methodology describes them.
  const relations = new Map<string, { parent: string; children: string[] }>();
  const add = (id: string, parent: string, child: string) => {
    const r = relations.get(id) ?? { parent, children: [] };
    r.children.push(child);
    relations.set(id, r);
  };
  for (const [key, c] of additive) {
    const parent = parentRegion(c.region);
    const provincesOnly = PROVINCES_ONLY.has(`${c.dataset}.${c.column}`);
    if (parent && (!provincesOnly || parent === 'ID')) add(`r|${c.measure}|${c.period}|${parent}|${c.k1}|${c.k2}`, cellKey(c.measure, c.period, parent, c.k1, c.k2), key);
    if (c.dataset === 'seeker-profile') add(`p|${c.measure}|${c.period}|${c.region}|${c.k1}`, cellKey(c.measure, c.period, c.region, '', ''), key);
    if (c.dataset === 'occupation-demand' && c.k1.length >= 2) add(`c|${c.measure}|${c.period}|${c.region}|${c.k1.slice(0, -1)}`, cellKey(c.measure, c.period, c.region, c.k1.slice(0, -1), ''), key);
  }
  propagate(relations, known, bounds);
  for (const [key, b] of bounds) if (b.lo === b.hi && !exact.has(key)) exact.set(key, { value: b.lo, how: 'subtraction' });
  return exact;
}

/**
 * Interval propagation over parent = Σ children, at most 50 rounds, narrowing `bounds` in
 * place. Each relation in a round sees its children as they stood when it started and its
 * parent as it stood before it narrowed it; a relation whose cells changed is looked at again
 * in the next round, in the order the changes were found. Cells are numbered and their bounds
 * held in typed arrays (the same arithmetic as on the Map of bounds, a hundred times over
 * 0.2 M relations without the garbage).
 */
function propagate(relations: Map<string, { parent: string; children: string[] }>, known: Map<string, number>, bounds: Map<string, Bound>): void {
  const ids = new Map<string, number>();
  const keys: string[] = [];
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (id === undefined) { id = keys.length; ids.set(key, id); keys.push(key); }
    return id;
  };
  const list = [...relations.values()].map((r) => ({ parent: idOf(r.parent), children: r.children.map(idOf) }));
  const n = keys.length;
  // What value() gave: a known count, else the bounds, else 0 (a cell nobody publishes).
  const isKnown = new Uint8Array(n);
  const knownValue = new Float64Array(n);
  const isBound = new Uint8Array(n);
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = known.get(keys[i]);
    if (k !== undefined) { isKnown[i] = 1; knownValue[i] = k; }
    const b = bounds.get(keys[i]);
    if (b) { isBound[i] = 1; lo[i] = b.lo; hi[i] = b.hi; }
  }
  const loOf = (i: number) => (isKnown[i] ? knownValue[i] : isBound[i] ? lo[i] : 0);
  const hiOf = (i: number) => (isKnown[i] ? knownValue[i] : isBound[i] ? hi[i] : 0);
  const narrow = (i: number, low: number, high: number) => {
    if (!isBound[i]) return false;
    const nextLo = Math.max(lo[i], Math.ceil(low - 1e-9));
    const nextHi = Math.min(hi[i], Math.floor(high + 1e-9));
    if (nextLo === lo[i] && nextHi === hi[i]) return false;
    lo[i] = nextLo;
    hi[i] = nextHi;
    return true;
  };
  const live = list.map((_, r) => r).filter((r) => (isKnown[list[r].parent] || isBound[list[r].parent]) && (isBound[list[r].parent] || list[r].children.some((c) => isBound[c])));
  // The relations each bounded cell is in (CSR: counts, then offsets).
  const start = new Int32Array(n + 1);
  for (const r of live) for (const x of [list[r].parent, ...list[r].children]) if (isBound[x]) start[x + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const byCell = new Int32Array(start[n]);
  for (const r of live) for (const x of [list[r].parent, ...list[r].children]) if (isBound[x]) byCell[fill[x]++] = r;

  let work = Int32Array.from(live);
  const queued = new Uint8Array(list.length);
  let kidLo = new Float64Array(64);
  let kidHi = new Float64Array(64);
  for (let round = 0; round < 50 && work.length > 0; round++) {
    const next: number[] = [];
    const changed: number[] = [];
    const touch = (x: number) => {
      for (let j = start[x]; j < start[x + 1]; j++) if (!queued[byCell[j]]) { queued[byCell[j]] = 1; next.push(byCell[j]); }
    };
    for (const r of work) {
      const { parent, children } = list[r];
      if (children.length > kidLo.length) { kidLo = new Float64Array(children.length); kidHi = new Float64Array(children.length); }
      let sumLo = 0, finite = 0, unbounded = 0;
      for (let i = 0; i < children.length; i++) {
        kidLo[i] = loOf(children[i]);
        kidHi[i] = hiOf(children[i]);
        sumLo += kidLo[i];
        if (Number.isFinite(kidHi[i])) finite += kidHi[i]; else unbounded++;
      }
      const pLo = loOf(parent), pHi = hiOf(parent);
      changed.length = 0;
      if (narrow(parent, sumLo, unbounded ? Infinity : finite)) changed.push(parent);
      for (let i = 0; i < children.length; i++) {
        const own = Number.isFinite(kidHi[i]);
        const othersHi = unbounded - (own ? 0 : 1) > 0 ? Infinity : finite - (own ? kidHi[i] : 0);
        if (narrow(children[i], pLo - othersHi, pHi - (sumLo - kidLo[i]))) changed.push(children[i]);
      }
      for (const x of changed) touch(x);
    }
    for (const r of next) queued[r] = 0;
    work = Int32Array.from(next);
  }
  for (let i = 0; i < n; i++) if (isBound[i] && (lo[i] !== bounds.get(keys[i])!.lo || hi[i] !== bounds.get(keys[i])!.hi)) bounds.set(keys[i], { lo: lo[i], hi: hi[i] });
}

type Found = (key: string, value: number, how: string) => void;
type Narrow = (key: string, lo: number, hi: number) => boolean;

function invertDerived(published: Published, known: Map<string, number>, found: Found, narrow: Narrow): void {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const lm = new Map((published['labour-market-monthly'] ?? []).map((r) => [`${r.period}|${r.region_code}`, r]));
  for (const r of published['labour-market-monthly'] ?? []) {
    const cell = (c: string) => cellOf('labour-market-monthly', c, r);
    const [ao, no, na, aa, pl] = ['active_openings', 'new_openings', 'new_applicants', 'active_applicants', 'placements'].map((c) => num(r[c]));
    const [ar, nr, prate, frate] = ['active_ratio', 'new_ratio', 'placement_rate', 'fill_rate'].map((c) => num(r[c]));
    if (aa === null && ar && ao !== null) found(cell('active_applicants'), ao / ar, 'AO / active_ratio');
    if (na === null && nr && no !== null) found(cell('new_applicants'), no / nr, 'NO / new_ratio');
    if (pl === null && prate !== null && na !== null) found(cell('placements'), prate * na, 'placement_rate × NA');
    if (na === null && prate && pl !== null) found(cell('new_applicants'), pl / prate, 'PL / placement_rate');
    if (pl === null && frate !== null && no !== null) found(cell('placements'), frate * no, 'fill_rate × NO');
  }
  for (const r of published['seeker-profile'] ?? []) {
    const [na, pl, rate] = [num(r.new_applicants), num(r.placements), num(r.placement_rate)];
    if (pl === null && rate !== null && na !== null) found(cellOf('seeker-profile', 'placements', r), rate * na, 'placement_rate × NA');
    if (na === null && rate && pl !== null) found(cellOf('seeker-profile', 'new_applicants', r), pl / rate, 'PL / placement_rate');
  }
  const floor = METHODOLOGY.insufficientBelow;
  for (const r of published['skill-gaps'] ?? []) {
    if (r.supply !== null) continue;
    const key = cellOf('skill-gaps', 'supply', r);
    const d = Number(r.demand);
    const ratio = num(r.skill_ratio);
    const unmet = num(r.unmet_openings);
    const index = num(r.imbalance_index);
    if (ratio) found(key, d / ratio, 'demand / skill_ratio');
    if (unmet !== null && unmet > 0) found(key, d - unmet, 'demand − unmet_openings');
    if (unmet === 0) narrow(key, d, Infinity);
    const totals = lm.get(`${r.period}|${r.region_code}`);
    if (index !== null && totals && totals.active_applicants !== null && totals.active_openings !== null) {
      const ao = Number(totals.active_openings), aa = Number(totals.active_applicants);
      found(key, ((d + 0.5) / (ao + 0.5)) * (aa + 0.5) / Math.exp(index) - 0.5, 'imbalance_index');
    }
    if (r.status === 'insufficient') narrow(key, 1, floor - 1 - d);
    else if (r.status) narrow(key, floor - d, Infinity);
    const volume = METHODOLOGY.rankingMinVolume;
    if (r.relative_status === 'insufficient') narrow(key, 1, volume - 1 - d);
    else if (r.relative_status) narrow(key, volume - d, Infinity);
  }
  for (const r of published['training-recommendations'] ?? []) {
    if (r.seekers_unlocked !== null) continue;
    const key = cellOf('training-recommendations', 'seekers_unlocked', r);
    const per = num(r.seekers_unlocked_per_100h);
    if (per !== null) found(key, per * Number(r.hours) / 100, 'per 100 hours × hours');
    const fillable = num(r.openings_fillable);
    if (fillable !== null && fillable < Number(r.openings_unlocked)) found(key, fillable, 'openings_fillable below openings_unlocked');
  }
  // A withheld row ranked like a published one holds the same value.
  const ranked = new Map<string, number>();
  for (const r of published['training-recommendations'] ?? []) if (r.rank !== null && r.seekers_unlocked !== null) ranked.set(`${r.period}|${r.region_code}|${r.rank}`, Number(r.seekers_unlocked));
  // (ranks are unique within a period and region: programme id breaks ties)
  for (const r of published['training-recommendations'] ?? []) {
    const tie = ranked.get(`${r.period}|${r.region_code}|${r.rank}`);
    if (r.seekers_unlocked === null && r.rank !== null && tie !== undefined) found(cellOf('training-recommendations', 'seekers_unlocked', r), tie, 'rank tie');
  }
  void known;
}

/**
 * The publication before issue 19: primary withholding only, rates withheld with their own
 * row's counts, statuses and ranks published whatever they rest on.
 */
export function primaryOnly(truth: Published, k: number): Published {
  const out: Published = {};
  for (const d of DATASETS) {
    out[d.name] = (truth[d.name] ?? []).map((row) => {
      const r = { ...row };
      const hidden = new Set(d.columns.filter((c) => c.persons && r[c.name] !== null && Number(r[c.name]) > 0 && Number(r[c.name]) < k).map((c) => c.name));
      for (const c of d.columns) if (!['status', 'relative_status', 'rank', 'openings_fillable'].includes(c.name) && (c.dependsOn ?? []).some((x) => hidden.has(x))) hidden.add(c.name);
      for (const c of hidden) r[c] = null;
      r.withheld = [...hidden].join(';');
      return r;
    });
  }
  return out;
}

/** Candidates that hit a true value from 1 to k − 1 (`truth`: the same rows unwithheld). */
export function recoveries(candidates: Map<string, Candidate>, truth: Published, k: number): { key: string; value: number; how: string }[] {
  const actual = new Map<string, number>();
  for (const d of DATASETS) for (const row of truth[d.name] ?? []) for (const c of d.columns.filter((x) => x.persons)) if (row[c.name] !== null) actual.set(cellOf(d.name, c.name, row), Number(row[c.name]));
  return [...candidates].filter(([key, c]) => actual.get(key) === c.value && c.value >= 1 && c.value < k).map(([key, c]) => ({ key, ...c }));
}
