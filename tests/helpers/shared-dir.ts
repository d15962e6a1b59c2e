// Vitest globalSetup: one temporary folder per test run, where the first test file that needs
// an expensive fixture (the shipped sample's warehouse) builds it once for every later file
// (tests/helpers/pipeline.ts: runSample). Removed when the run ends.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext { sinergiSharedDir: string }
}

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinergi-shared-'));
  project.provide('sinergiSharedDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
