// The matching kernel's way in and out of the warehouse: the signatures of 40_matching.sql
// read column by column into typed arrays (streamed chunk by chunk, never as row objects),
// and the kernel's results appended to the temporary tables the matching marts read
// (41_matching_quality.sql, 42_upskilling_leverage.sql, 43_training_recommendations.sql).
import { DOUBLE, INTEGER, DuckDBDataChunk, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { rows, run } from '../../core/duckdb.ts';
import os from 'node:os';
import type { MatchingInput, MatchingOutput } from './kernel.ts';
import { matchOnThreads } from './threads.ts';

type Typed = Int32Array | Int16Array | Uint8Array | Float64Array;
type TypedMaker = (new (buffer: SharedArrayBuffer, offset: number, length: number) => Typed) & { BYTES_PER_ELEMENT: number };

/**
 * The columns of a query as typed arrays (every value non-null and numeric), over
 * SharedArrayBuffers so that matching threads read them without a copy. The query runs
 * once: chunks are kept as they come and put together at the end.
 */
async function readColumns(connection: DuckDBConnection, sql: string, makers: TypedMaker[]): Promise<Typed[]> {
  const parts: Typed[][] = makers.map(() => []);
  let n = 0;
  const result = await connection.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    const count = chunk?.rowCount ?? 0;   // (a native call each time it is read)
    if (!chunk || count === 0) break;
    for (let c = 0; c < makers.length; c++) {
      const vector = chunk.getColumnVector(c);
      const Make = makers[c];
      const part = new Make(new SharedArrayBuffer(count * Make.BYTES_PER_ELEMENT), 0, count);
      for (let r = 0; r < count; r++) part[r] = Number(vector.getItem(r));
      parts[c].push(part);
    }
    n += count;
  }
  return makers.map((Make, c) => {
    const column = new Make(new SharedArrayBuffer(Math.max(1, n) * Make.BYTES_PER_ELEMENT), 0, n);
    let at = 0;
    for (const part of parts[c]) { column.set(part as never, at); at += part.length; }
    return column;
  });
}

/** A list column as CSR: key k's items are items[start[k] … start[k + 1]), keys 0 … keys − 1 all present in order. */
async function readLists(connection: DuckDBConnection, table: string, key: string, list: string, keys: number): Promise<{ start: Int32Array; items: Int16Array }> {
  const [k, x] = await readColumns(connection, `SELECT ${key}::INTEGER, x::SMALLINT FROM (SELECT ${key}, unnest(${list}) AS x FROM ${table}) ORDER BY ${key}, x`, [Int32Array, Int16Array]);
  const start = new Int32Array(keys + 1);
  for (let i = 0; i < k.length; i++) start[k[i] + 1]++;
  for (let i = 0; i < keys; i++) start[i + 1] += start[i];
  return { start, items: x as Int16Array };
}

export async function readMatchingInput(connection: DuckDBConnection): Promise<MatchingInput> {
  const [counts] = await rows<{ skills: number; programmes: number; ranks: number; kinds: number; hsets: number }>(connection, `
    SELECT (SELECT count(*) FROM mt_skill) AS skills, (SELECT count(*) FROM mt_programme) AS programmes,
           (SELECT count(*) FROM mt_rank) AS ranks, (SELECT count(*) FROM mt_kset) AS kinds, (SELECT count(*) FROM mt_hset) AS hsets`);
  const k = await readLists(connection, 'mt_kset', 'kid', 'kset', counts.kinds);
  const [kNeed] = await readColumns(connection, 'SELECT need::SMALLINT FROM mt_kset ORDER BY kid', [Int16Array]);
  const h = await readLists(connection, 'mt_hset', 'hid', 'hset', counts.hsets);
  const p = await readLists(connection, 'mt_programme', 'px', 'pset', counts.programmes);
  const [vScope, vMonth, vKid, vRank, vN, vOpenings] = await readColumns(connection, `
    SELECT v.sc::INTEGER, v.mnum::INTEGER, v.kid::INTEGER, r.rx, v.n::INTEGER, v.openings::DOUBLE
    FROM mt_vsig v JOIN mt_rank r ON r.rank = v.erank ORDER BY v.vg`, [Int32Array, Int32Array, Int32Array, Uint8Array, Int32Array, Float64Array]);
  const [sScope, sMonth, sHid, sRank, sN] = await readColumns(connection, `
    SELECT s.sc::INTEGER, s.mnum::INTEGER, s.hid::INTEGER, r.rx, s.n::INTEGER
    FROM mt_smon s JOIN mt_rank r ON r.rank = s.srank ORDER BY s.sc, s.mnum`, [Int32Array, Int32Array, Int32Array, Uint8Array, Int32Array]);
  return {
    skills: counts.skills, programmes: counts.programmes, ranks: counts.ranks,
    kStart: k.start, kSkill: k.items, kNeed: kNeed as Int16Array,
    hStart: h.start, hSkill: h.items, pStart: p.start, pSkill: p.items,
    vScope: vScope as Int32Array, vMonth: vMonth as Int32Array, vKid: vKid as Int32Array, vRank: vRank as Uint8Array, vN: vN as Int32Array, vOpenings: vOpenings as Float64Array,
    sScope: sScope as Int32Array, sMonth: sMonth as Int32Array, sHid: sHid as Int32Array, sRank: sRank as Uint8Array, sN: sN as Int32Array,
  };
}

/** Append columns (numbers; INTEGER or DOUBLE) to an existing table, a data chunk at a time. */
async function appendColumns(connection: DuckDBConnection, table: string, types: DuckDBType[], columns: ArrayLike<number>[]): Promise<void> {
  const appender = await connection.createAppender(table);
  const total = columns[0]?.length ?? 0;
  const size = 2048;
  for (let from = 0; from < total; from += size) {
    const count = Math.min(size, total - from);
    const chunk = DuckDBDataChunk.create(types, count);
    for (let c = 0; c < columns.length; c++) {
      const values = new Array<number>(count);
      for (let r = 0; r < count; r++) values[r] = columns[c][from + r];
      chunk.setColumnValues(c, values);
    }
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
}

export async function writeMatchingOutput(connection: DuckDBConnection, out: MatchingOutput): Promise<void> {
  // (the kernel's pool is in vg order, vg = 1, 2, …)
  await run(connection, 'CREATE OR REPLACE TEMP TABLE mt_vpool (vg INTEGER, pool INTEGER)');
  const vg = new Int32Array(out.pool.length);
  for (let i = 0; i < vg.length; i++) vg[i] = i + 1;
  await appendColumns(connection, 'mt_vpool', [INTEGER, INTEGER], [vg, out.pool]);
  await run(connection, 'CREATE OR REPLACE TEMP TABLE mt_near (sc INTEGER, mnum INTEGER, near_miss_seekers DOUBLE)');
  await appendColumns(connection, 'mt_near', [INTEGER, INTEGER, DOUBLE], [out.near.scope, out.near.month, out.near.seekers]);
  const l = out.leverage;
  await run(connection, 'CREATE OR REPLACE TEMP TABLE mt_lev (sc INTEGER, mnum INTEGER, sx INTEGER, seekers_unlocked DOUBLE, vacancies_unlocked DOUBLE, openings_unlocked DOUBLE)');
  await appendColumns(connection, 'mt_lev', [INTEGER, INTEGER, INTEGER, DOUBLE, DOUBLE, DOUBLE], [l.scope, l.month, l.skill, l.seekers, l.vacancies, l.openings]);
  const t = out.training;
  await run(connection, 'CREATE OR REPLACE TEMP TABLE mt_trn (sc INTEGER, mnum INTEGER, px INTEGER, seekers_unlocked DOUBLE, openings_unlocked DOUBLE)');
  await appendColumns(connection, 'mt_trn', [INTEGER, INTEGER, INTEGER, DOUBLE, DOUBLE], [t.scope, t.month, t.programme, t.seekers, t.openings]);
}

export interface KernelResult { seconds: { read: number; compute: number; write: number }; threads: number; stats: MatchingOutput['stats'] }

/**
 * Below this many vacancy signatures and this many seeker classes, one thread: starting a
 * thread (and tsx in it) costs about a fifth of a second, more than matching such a register.
 */
const THREADED_SIZE = 200_000;

/** Read the signatures, match, write the results (the step between 40_matching.sql and 41_…). */
export async function runMatchingKernel(connection: DuckDBConnection, threads = os.availableParallelism()): Promise<KernelResult> {
  const t0 = performance.now();
  const input = await readMatchingInput(connection);
  const t1 = performance.now();
  const use = input.vKid.length > THREADED_SIZE || input.sHid.length > THREADED_SIZE ? threads : 1;
  const out = await matchOnThreads(input, use);
  const t2 = performance.now();
  await writeMatchingOutput(connection, out);
  const t3 = performance.now();
  return { seconds: { read: (t1 - t0) / 1000, compute: (t2 - t1) / 1000, write: (t3 - t2) / 1000 }, threads: use, stats: out.stats };
}
