// Skill matching (DESIGN §4), exact, for every scope and month at once: each active seeker
// class of a scope-month is compared with the vacancy signatures of that scope-month that
// share a skill with it, through inverted lists (ScanCount: skill → the vacancy signatures
// asking for it, by education rank asked, so an ineligible tail is never visited). The cost
// is the number of (seeker class, vacancy signature, shared skill) triples, whatever |K|:
// no subsets, no pairs written anywhere. What a seeker shares with no vacancy of the
// scope-month is counted from tallies:
// * a one-skill vacancy {k} (need 1, since θ > 0.5) makes every eligible seeker lacking k a
//   near miss unlocked by k;
// * a programme covering need of K (q = |K ∩ P| ≥ need) qualifies every eligible seeker of v,
//   so it unlocks each eligible seeker not already qualified for every such vacancy.
//
// Inputs are the signatures of pipelines/sql/marts/40_matching.sql as typed arrays
// (pipelines/matching/io.ts reads them); ranks are education ranks renumbered 0 … ranks − 1
// in order (a seeker is eligible for v when its rank ≥ v's).

export interface MatchingInput {
  /** Skills are 1 … skills (0 unused); programmes 0 … programmes − 1; ranks 0 … ranks − 1. */
  skills: number;
  programmes: number;
  ranks: number;
  /** Distinct vacancy skill sets K (kid 0 …): sorted skills kSkill[kStart[kid] … kStart[kid + 1]), and need = ⌈θ|K|⌉. */
  kStart: Int32Array;
  kSkill: Int16Array;
  kNeed: Int16Array;
  /** Distinct seeker skill sets H (hid 0 …), sorted; H may be empty. */
  hStart: Int32Array;
  hSkill: Int16Array;
  /** The skills each programme teaches. */
  pStart: Int32Array;
  pSkill: Int16Array;
  /** Vacancy signatures (scope, month, K, rank asked), sorted by (scope, month): n vacancies, their openings. */
  vScope: Int32Array;
  vMonth: Int32Array;
  vKid: Int32Array;
  vRank: Uint8Array;
  vN: Int32Array;
  vOpenings: Float64Array;
  /** Seeker classes (scope, month, H, rank) of active seekers, sorted by (scope, month): n seekers. */
  sScope: Int32Array;
  sMonth: Int32Array;
  sHid: Int32Array;
  sRank: Uint8Array;
  sN: Int32Array;
}

/** Rows per scope-month (columns as parallel arrays). */
export interface MatchingOutput {
  /** Qualified active seekers of each vacancy signature (input order). */
  pool: Int32Array<ArrayBufferLike>;
  near: { scope: number[]; month: number[]; seekers: number[] };
  leverage: { scope: number[]; month: number[]; skill: number[]; seekers: number[]; vacancies: number[]; openings: number[] };
  training: { scope: number[]; month: number[]; programme: number[]; seekers: number[]; openings: number[] };
  /** What it took: scope-months, (seeker class, vacancy signature) pairs sharing a skill, postings visited. */
  stats: { scopeMonths: number; pairs: number; visits: number };
}

/** The programmes overlapping each K: per kid, entries (programme, q = |K ∩ P|, K ∩ P), covered ones (q ≥ need) first. */
interface Overlaps {
  start: Int32Array; coveredEnd: Int32Array; programme: Int16Array; q: Int16Array; skStart: Int32Array; sk: Int16Array; maxOpenQ: Int16Array;
  /** Skill → the programmes teaching it: teachingProgramme[teachingStart[x] … teachingStart[x + 1]). */
  teachingStart: Int32Array; teachingProgramme: Int16Array;
}

function programmeOverlaps(input: MatchingInput): Overlaps {
  const kinds = input.kNeed.length;
  const teaching: number[][] = Array.from({ length: input.skills + 1 }, () => []);
  for (let p = 0; p < input.programmes; p++) for (let i = input.pStart[p]; i < input.pStart[p + 1]; i++) teaching[input.pSkill[i]].push(p);
  const start = new Int32Array(kinds + 1);
  const coveredEnd = new Int32Array(kinds);
  const maxOpenQ = new Int16Array(kinds);
  const programme: number[] = [];
  const q: number[] = [];
  const skStart: number[] = [0];
  const sk: number[] = [];
  const count = new Int16Array(input.programmes);
  const seen: number[] = [];
  for (let kid = 0; kid < kinds; kid++) {
    for (let i = input.kStart[kid]; i < input.kStart[kid + 1]; i++) {
      for (const p of teaching[input.kSkill[i]]) { if (count[p]++ === 0) seen.push(p); }
    }
    const need = input.kNeed[kid];
    // covered first, then by q, most first (a seeker m short of need can only use q ≥ need − m)
    seen.sort((a, b) => (count[b] >= need ? 1 : 0) - (count[a] >= need ? 1 : 0) || (count[a] >= need ? 0 : count[b] - count[a]) || a - b);
    start[kid] = programme.length;
    let covered = programme.length;
    for (const p of seen) {
      programme.push(p);
      q.push(count[p]);
      if (count[p] >= need) covered++;
      else if (count[p] > maxOpenQ[kid]) maxOpenQ[kid] = count[p];
      for (let i = input.kStart[kid]; i < input.kStart[kid + 1]; i++) {
        const x = input.kSkill[i];
        if (teaching[x].includes(p)) sk.push(x);
      }
      skStart.push(sk.length);
      count[p] = 0;
    }
    coveredEnd[kid] = covered;
    seen.length = 0;
  }
  start[kinds] = programme.length;
  const teachingStart = new Int32Array(input.skills + 2);
  for (let x = 0; x <= input.skills; x++) teachingStart[x + 1] = teachingStart[x] + teaching[x].length;
  const teachingProgramme = Int16Array.from(teaching.flat());
  return { start, coveredEnd, programme: Int16Array.from(programme), q: Int16Array.from(q), skStart: Int32Array.from(skStart), sk: Int16Array.from(sk), maxOpenQ, teachingStart, teachingProgramme };
}

/** Set bits of a 32-bit integer. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Grows a scratch array to at least n entries (contents not kept). */
function atLeast<T extends Int32Array | Uint8Array | Uint16Array>(a: T, n: number, make: (n: number) => T): T {
  return a.length >= n ? a : make(Math.max(n, a.length * 2));
}

/**
 * The scope-month whose first vacancy signature is i: its signatures [i, i2) (i2 ≤ end) and
 * seeker classes [j, j2), searched from class `from` on (both lists are in (scope, month) order).
 */
function scopeMonth(input: MatchingInput, i: number, from: number, end: number): [i2: number, j: number, j2: number] {
  const nS = input.sHid.length;
  const sc = input.vScope[i];
  const mn = input.vMonth[i];
  let i2 = i;
  while (i2 < end && input.vScope[i2] === sc && input.vMonth[i2] === mn) i2++;
  let j = from;
  while (j < nS && (input.sScope[j] < sc || (input.sScope[j] === sc && input.sMonth[j] < mn))) j++;
  let j2 = j;
  while (j2 < nS && input.sScope[j2] === sc && input.sMonth[j2] === mn) j2++;
  return [i2, j, j2];
}

/** An output with no rows yet, around a pool array. */
export function emptyOutput(pool: Int32Array<ArrayBufferLike>): MatchingOutput {
  return {
    pool,
    near: { scope: [], month: [], seekers: [] },
    leverage: { scope: [], month: [], skill: [], seekers: [], vacancies: [], openings: [] },
    training: { scope: [], month: [], programme: [], seekers: [], openings: [] },
    stats: { scopeMonths: 0, pairs: 0, visits: 0 },
  };
}

/**
 * The scope-months of the input cut into `parts` runs of consecutive vacancy signatures of
 * about equal work (vacancy signatures × seeker classes of each scope-month), as the
 * boundaries [b0 = 0, b1, …, b_parts = number of vacancy signatures].
 */
export function splitWork(input: MatchingInput, parts: number): number[] {
  const nV = input.vKid.length;
  const groups: { end: number; cost: number }[] = [];
  let total = 0;
  for (let i = 0, from = 0; i < nV;) {
    const [i2, j, j2] = scopeMonth(input, i, from, nV);
    const cost = (i2 - i) * (j2 - j) + (i2 - i) + (j2 - j);
    groups.push({ end: i2, cost });
    total += cost;
    i = i2;
    from = j2;
  }
  const bounds = [0];
  let sum = 0;
  for (const g of groups) {
    sum += g.cost;
    if (bounds.length < parts && sum >= (total * bounds.length) / parts) bounds.push(g.end);
  }
  while (bounds.length < parts) bounds.push(nV);
  bounds.push(nV);
  return [...new Set(bounds)].sort((a, b) => a - b);
}

/**
 * Match the scope-months whose vacancy signatures are [from, to) (whole scope-months: a
 * boundary of splitWork), writing pool depths into `pool` (indexed like the input's
 * vacancy signatures; a shared array when several threads each take a part).
 */
export function computeMatching(input: MatchingInput, from = 0, to = input.vKid.length, pool: Int32Array<ArrayBufferLike> = new Int32Array(input.vKid.length)): MatchingOutput {
  const R = input.ranks;
  const S = input.skills;
  const P = input.programmes;
  const ov = programmeOverlaps(input);
  const { kStart, kSkill, kNeed, hStart, hSkill, vKid, vRank, vN, vOpenings } = input;
  const out = emptyOutput(pool);

  // Per skill (reset for each scope-month).
  const postStart = new Int32Array(S + 2);
  const minOne = new Uint8Array(S + 1).fill(R);   // lowest rank a one-skill vacancy {k} asks (R: none)
  const oneSlot = new Int32Array(S + 1).fill(-1);
  const oneSkills: number[] = [];
  const has = new Int32Array(S + 1);                // = stamp while the current seeker holds the skill
  const wStamp = new Int32Array(S + 1);
  const skillSeekers = new Float64Array(S + 1);
  const skillVacancies = new Float64Array(S + 1);
  const skillOpenings = new Float64Array(S + 1);
  // Per programme.
  const covCum = new Int32Array(P * R);             // covered vacancy signatures asking rank ≤ r
  const covMin = new Uint8Array(P);
  const qual = new Int32Array(P);
  const qualStamp = new Int32Array(P);
  const tStamp = new Int32Array(P);
  const hitStamp = new Int32Array(P);              // = stamp while the current seeker holds a skill p teaches
  const qualifiedAll = new Float64Array(P);
  const trainSeekers = new Float64Array(P);
  const trainOpenings = new Float64Array(P);
  // Per rank.
  const hist = new Float64Array(R);
  const eligibleFrom = new Float64Array(R + 1);
  const oneUpTo = new Int32Array(R);
  const byRank = new Int32Array(R + 1);
  // Per vacancy signature of the scope-month (grown as needed).
  let order = new Int32Array(1024);
  let postV = new Int32Array(1024);
  let postR = new Uint8Array(1024);                // the rank asked by postV's vacancy signature (read in order)
  let lNeed = new Uint8Array(1024);                // need and the largest q < need, per local signature
  let lOpenQ = new Uint8Array(1024);
  let cnt = new Uint16Array(1024);
  // For a seeker holding at most 31 skills: which of them (bit i: the i-th of H) a vacancy
  // signature shares, and which each programme teaches, so |K ∩ H ∩ P| is a popcount.
  let shared = new Int32Array(1024);
  const pMask = new Int32Array(P);
  let touched = new Int32Array(1024);
  let uOff = new Int32Array(1025);
  let tOff = new Int32Array(1025);
  let markU = new Uint8Array(1024);
  let markT = new Uint8Array(1024);
  // The programme entries of the scope-month's signatures copied side by side (index = the
  // mark's), so the pair loop reads them in one place instead of all over the K table.
  let lq = new Uint8Array(1024);
  let lp = new Int16Array(1024);
  let lOpen = new Int32Array(1025);                // first entry with q < need, per local signature
  let holders = new Float64Array(1024);
  const W: number[] = [];
  const T: number[] = [];
  const qualList: number[] = [];
  let stamp = 0;

  let i = from;
  let next = 0;   // (the first seeker class not yet passed)
  while (i < to) {
    const [i2, j, j2] = scopeMonth(input, i, next, to);
    const sc = input.vScope[i];
    const mn = input.vMonth[i];
    const nv = i2 - i;
    next = j2;
    if (j2 === j) { i = i2; continue; }   // no seeker: pools 0, nothing unlocked (pool is zero-filled)
    out.stats.scopeMonths++;

    // The scope-month's vacancy signatures by rank asked (counting sort), postings in that order.
    order = atLeast(order, nv, (n) => new Int32Array(n));
    cnt = atLeast(cnt, nv, (n) => new Uint16Array(n));
    shared = atLeast(shared, nv, (n) => new Int32Array(n));
    touched = atLeast(touched, nv, (n) => new Int32Array(n));
    uOff = atLeast(uOff, nv + 1, (n) => new Int32Array(n));
    tOff = atLeast(tOff, nv + 1, (n) => new Int32Array(n));
    byRank.fill(0);
    for (let v = i; v < i2; v++) byRank[vRank[v] + 1]++;
    for (let r = 0; r < R; r++) byRank[r + 1] += byRank[r];
    for (let v = i; v < i2; v++) order[byRank[vRank[v]]++] = v - i;
    postStart.fill(0);
    let uTotal = 0;
    let tTotal = 0;
    for (let l = 0; l < nv; l++) {
      const kid = vKid[i + l];
      uOff[l] = uTotal;
      tOff[l] = tTotal;
      uTotal += kStart[kid + 1] - kStart[kid];
      tTotal += ov.start[kid + 1] - ov.start[kid];
      for (let x = kStart[kid]; x < kStart[kid + 1]; x++) postStart[kSkill[x] + 1]++;
    }
    uOff[nv] = uTotal;
    tOff[nv] = tTotal;
    for (let x = 1; x <= S + 1; x++) postStart[x] += postStart[x - 1];
    postV = atLeast(postV, uTotal, (n) => new Int32Array(n));
    postR = atLeast(postR, uTotal, (n) => new Uint8Array(n));
    lNeed = atLeast(lNeed, nv, (n) => new Uint8Array(n));
    lOpenQ = atLeast(lOpenQ, nv, (n) => new Uint8Array(n));
    markU = atLeast(markU, uTotal, (n) => new Uint8Array(n));
    markT = atLeast(markT, tTotal, (n) => new Uint8Array(n));
    lq = atLeast(lq, tTotal, (n) => new Uint8Array(n));
    lp = lp.length >= tTotal ? lp : new Int16Array(Math.max(tTotal, lp.length * 2));
    lOpen = atLeast(lOpen, nv + 1, (n) => new Int32Array(n));
    for (let l = 0; l < nv; l++) {
      const kid = vKid[i + l];
      const e0 = ov.start[kid];
      lOpen[l] = tOff[l] + ov.coveredEnd[kid] - e0;
      for (let e = e0; e < ov.start[kid + 1]; e++) { lq[tOff[l] + e - e0] = ov.q[e]; lp[tOff[l] + e - e0] = ov.programme[e]; }
    }
    markU.fill(0, 0, uTotal);
    markT.fill(0, 0, tTotal);
    // (postStart[x] is the fill position of skill x − 1 until the fill below moves it on)
    for (let o = 0; o < nv; o++) {
      const l = order[o];
      const kid = vKid[i + l];
      const r = vRank[i + l];
      lNeed[l] = kNeed[kid];
      lOpenQ[l] = ov.maxOpenQ[kid];
      for (let x = kStart[kid]; x < kStart[kid + 1]; x++) { const at = postStart[kSkill[x]]++; postV[at] = l; postR[at] = r; }
    }
    // now postStart[x] is the end of skill x's list, i.e. the start of x + 1's: shift back
    for (let x = S + 1; x >= 1; x--) postStart[x] = postStart[x - 1];
    postStart[0] = 0;

    // One-skill vacancies and covered programmes of the scope-month.
    oneSkills.length = 0;
    covCum.fill(0);
    covMin.fill(R);
    for (let l = 0; l < nv; l++) {
      const v = i + l;
      const kid = vKid[v];
      const r = vRank[v];
      if (kStart[kid + 1] - kStart[kid] === 1) {
        const k = kSkill[kStart[kid]];
        if (oneSlot[k] < 0) { oneSlot[k] = oneSkills.length; oneSkills.push(k); }
        if (r < minOne[k]) minOne[k] = r;
      }
      for (let e = ov.start[kid]; e < ov.coveredEnd[kid]; e++) {
        const p = ov.programme[e];
        covCum[p * R + r]++;
        if (r < covMin[p]) covMin[p] = r;
      }
    }
    for (let p = 0; p < P; p++) for (let r = 1; r < R; r++) covCum[p * R + r] += covCum[p * R + r - 1];
    oneUpTo.fill(0);
    for (const k of oneSkills) oneUpTo[minOne[k]]++;
    for (let r = 1; r < R; r++) oneUpTo[r] += oneUpTo[r - 1];
    holders = holders.length >= oneSkills.length * R ? holders : new Float64Array(Math.max(oneSkills.length * R, holders.length * 2));
    holders.fill(0, 0, oneSkills.length * R);
    hist.fill(0);
    let nearSeekers = 0;

    for (let s = j; s < j2; s++) {
      const hid = input.sHid[s];
      const r = input.sRank[s];
      const n = input.sN[s];
      hist[r] += n;
      stamp++;
      let nt = 0;
      const h0 = hStart[hid];
      const h1 = hStart[hid + 1];
      const wide = h1 - h0 > 31;   // (then |K ∩ H ∩ P| is counted skill by skill)
      for (let x = h0; x < h1; x++) {
        const h = hSkill[x];
        const bit = wide ? 0 : 1 << (x - h0);
        has[h] = stamp;
        for (let y = ov.teachingStart[h]; y < ov.teachingStart[h + 1]; y++) {
          const p = ov.teachingProgramme[y];
          if (hitStamp[p] !== stamp) { hitStamp[p] = stamp; pMask[p] = 0; }
          pMask[p] |= bit;
        }
        const slot = oneSlot[h];
        if (slot >= 0) holders[slot * R + r] += n;
        const p1 = postStart[h + 1];
        let p = postStart[h];
        for (; p < p1; p++) {
          if (postR[p] > r) break;
          const l = postV[p];
          shared[l] |= bit;
          if (cnt[l]++ === 0) touched[nt++] = l;
        }
        out.stats.visits += p - postStart[h];
      }
      out.stats.pairs += nt;
      let near = false;
      W.length = 0;
      T.length = 0;
      qualList.length = 0;
      for (let t = 0; t < nt; t++) {
        const l = touched[t];
        const m = cnt[l];
        const held = shared[l];
        cnt[l] = 0;
        shared[l] = 0;
        const need = lNeed[l];
        if (m < need - 1 && m + lOpenQ[l] < need) continue;   // (most pairs: nothing to count)
        const v = i + l;
        const kid = vKid[v];
        if (m >= need) {
          pool[v] += n;
          for (let e = ov.start[kid]; e < ov.coveredEnd[kid]; e++) {
            const p = ov.programme[e];
            if (qualStamp[p] !== stamp) { qualStamp[p] = stamp; qual[p] = 0; qualList.push(p); }
            qual[p]++;
          }
          continue;
        }
        if (m === need - 1) {
          near = true;
          const k0 = kStart[kid];
          for (let x = k0; x < kStart[kid + 1]; x++) {
            const k = kSkill[x];
            if (has[k] === stamp) continue;
            markU[uOff[l] + x - k0] = 1;
            if (minOne[k] > r && wStamp[k] !== stamp) { wStamp[k] = stamp; W.push(k); }
          }
        }
        if (m + lOpenQ[l] >= need) {
          const end = tOff[l + 1];
          for (let mark = lOpen[l]; mark < end; mark++) {
            const q = lq[mark];
            if (m + q < need) break;   // (by q, most first)
            const p = lp[mark];
            if (markT[mark] === 1 && tStamp[p] === stamp) continue;   // (nothing left to learn from this entry)
            // the skills of K ∩ P the seeker lacks: all q of them unless the seeker holds one p teaches
            let lacking = q;
            if (hitStamp[p] === stamp) {
              if (wide) {
                const e = ov.start[kid] + mark - tOff[l];
                lacking = 0;
                for (let x = ov.skStart[e]; x < ov.skStart[e + 1]; x++) if (has[ov.sk[x]] !== stamp) lacking++;
              } else lacking -= popcount(held & pMask[p]);
              if (m + lacking < need) continue;
            }
            markT[mark] = 1;
            if (tStamp[p] !== stamp) { tStamp[p] = stamp; T.push(p); }
          }
        }
      }
      if (!near && oneUpTo[r] > 0) {
        let held = 0;
        for (let x = h0; x < h1; x++) if (minOne[hSkill[x]] <= r) held++;
        near = held < oneUpTo[r];
      }
      if (near) nearSeekers += n;
      for (const k of W) skillSeekers[k] += n;
      for (const p of T) {
        const qualified = qualStamp[p] === stamp ? qual[p] : 0;
        if (!(covCum[p * R + r] > qualified)) trainSeekers[p] += n;
      }
      for (const p of qualList) if (qual[p] === covCum[p * R + r]) qualifiedAll[p] += n;
    }

    eligibleFrom[R] = 0;
    for (let r = R - 1; r >= 0; r--) eligibleFrom[r] = eligibleFrom[r + 1] + hist[r];
    const holdersFrom = (slot: number, r0: number) => {
      let sum = 0;
      for (let r = r0; r < R; r++) sum += holders[slot * R + r];
      return sum;
    };
    for (const k of oneSkills) skillSeekers[k] += eligibleFrom[minOne[k]] - holdersFrom(oneSlot[k], minOne[k]);
    for (let p = 0; p < P; p++) if (covMin[p] < R) trainSeekers[p] += eligibleFrom[covMin[p]] - qualifiedAll[p];
    for (let l = 0; l < nv; l++) {
      const v = i + l;
      const kid = vKid[v];
      const r = vRank[v];
      const k0 = kStart[kid];
      const size = kStart[kid + 1] - k0;
      if (size === 1) {
        const k = kSkill[k0];
        if (eligibleFrom[r] > holdersFrom(oneSlot[k], r)) { skillVacancies[k] += vN[v]; skillOpenings[k] += vOpenings[v]; }
      } else {
        for (let x = 0; x < size; x++) if (markU[uOff[l] + x]) { const k = kSkill[k0 + x]; skillVacancies[k] += vN[v]; skillOpenings[k] += vOpenings[v]; }
      }
      const e0 = ov.start[kid];
      const unlockedByCover = eligibleFrom[r] > pool[v];
      for (let e = e0; e < ov.start[kid + 1]; e++) {
        if (e < ov.coveredEnd[kid] ? unlockedByCover : markT[tOff[l] + e - e0] === 1) trainOpenings[ov.programme[e]] += vOpenings[v];
      }
    }

    if (nearSeekers > 0) { out.near.scope.push(sc); out.near.month.push(mn); out.near.seekers.push(nearSeekers); }
    for (let k = 1; k <= S; k++) {
      if (skillSeekers[k] === 0 && skillVacancies[k] === 0) continue;
      const lev = out.leverage;
      lev.scope.push(sc); lev.month.push(mn); lev.skill.push(k);
      lev.seekers.push(skillSeekers[k]); lev.vacancies.push(skillVacancies[k]); lev.openings.push(skillOpenings[k]);
      skillSeekers[k] = 0; skillVacancies[k] = 0; skillOpenings[k] = 0;
    }
    for (let p = 0; p < P; p++) {
      if (trainSeekers[p] !== 0 || trainOpenings[p] !== 0) {
        const tr = out.training;
        tr.scope.push(sc); tr.month.push(mn); tr.programme.push(p); tr.seekers.push(trainSeekers[p]); tr.openings.push(trainOpenings[p]);
      }
      trainSeekers[p] = 0; trainOpenings[p] = 0; qualifiedAll[p] = 0;
    }
    for (const k of oneSkills) { minOne[k] = R; oneSlot[k] = -1; }
    i = i2;
  }
  return out;
}
