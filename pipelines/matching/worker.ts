// A matching thread: one part of the scope-months (threads.ts), pool depths written into the
// shared pool array, the rest posted back.
import { parentPort, workerData } from 'node:worker_threads';
import { computeMatching, type MatchingInput } from './kernel.ts';

const { input, from, to, pool } = workerData as { input: MatchingInput; from: number; to: number; pool: Int32Array };
const { near, leverage, training, stats } = computeMatching(input, from, to, pool);
parentPort?.postMessage({ near, leverage, training, stats });
