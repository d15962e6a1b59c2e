// Skill extraction from descriptions on a second core: the matcher is a JavaScript token
// walk (pipelines/ingest/skills.ts), one thread's work while DuckDB waits, so a file with
// many distinct descriptions gives two thirds of each page to a worker thread built with the
// same matcher (SkillMatcher.recipe) and reads the rest itself, besides reading the pages out
// and appending their skills while the thread works on the next page.
import { Worker } from 'node:worker_threads';
import type { SkillMatcher } from '../../core/skills.ts';

export interface ExtractionThread {
  /** The skills of each text, in order. */
  extract(texts: string[]): Promise<string[][]>;
  close(): Promise<void>;
}

export function startExtractionThread(matcher: SkillMatcher): ExtractionThread {
  const worker = new Worker(new URL('./extract-worker.js', import.meta.url), { workerData: matcher.recipe });
  let failed: Error | null = null;
  let waiting: { resolve: (found: string[][]) => void; reject: (error: Error) => void } | null = null;
  const fail = (error: Error) => {
    failed = error;
    waiting?.reject(error);
    waiting = null;
  };
  worker.on('message', (found: string[][]) => { waiting?.resolve(found); waiting = null; });
  worker.on('error', fail);
  worker.on('exit', (code) => { if (code !== 0) fail(new Error(`skill extraction thread stopped (exit code ${code})`)); });
  return {
    extract(texts) {
      if (failed) return Promise.reject(failed);
      if (waiting) return Promise.reject(new Error('skill extraction thread: one batch at a time'));
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        worker.postMessage(texts);
      });
    },
    async close() { await worker.terminate(); },
  };
}
