// The matching kernel on several threads: scope-months are independent, so splitWork cuts
// them into runs of about equal work, each matched by a worker thread on the same input
// (typed arrays over SharedArrayBuffers, so nothing is copied), pool depths written into
// one shared array, and the rows of the parts put together.
import { Worker } from 'node:worker_threads';
import { computeMatching, emptyOutput, splitWork, type MatchingInput, type MatchingOutput } from './kernel.ts';

type Part = Omit<MatchingOutput, 'pool'>;

function runPart(input: MatchingInput, from: number, to: number, pool: Int32Array): Promise<Part> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { input, from, to, pool } });
    let result: Part | undefined;
    worker.once('message', (message: Part) => { result = message; });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`matching thread for vacancy signatures ${from}–${to} stopped (exit code ${code}) without a result`));
    });
  });
}

/** Match on `threads` threads (1: in this one). */
export async function matchOnThreads(input: MatchingInput, threads: number): Promise<MatchingOutput> {
  const size = input.vKid.length;
  const pool = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, size)), 0, size);
  const bounds = threads > 1 ? splitWork(input, threads) : [0, size];
  if (bounds.length <= 2) return computeMatching(input, 0, size, pool);
  const parts = await Promise.all(bounds.slice(1).map((to, k) => runPart(input, bounds[k], to, pool)));
  const out = emptyOutput(pool);
  for (const part of parts) {
    for (const [table, columns] of [[out.near, part.near], [out.leverage, part.leverage], [out.training, part.training]] as const) {
      for (const [name, values] of Object.entries(columns)) for (const value of values as number[]) (table as Record<string, number[]>)[name].push(value);
    }
    out.stats.scopeMonths += part.stats.scopeMonths;
    out.stats.pairs += part.stats.pairs;
    out.stats.visits += part.stats.visits;
  }
  return out;
}
