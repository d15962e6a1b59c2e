// The shipped sample: about 15,000 vacancies and 75,000 seekers over 24 months,
// generated deterministically on first start into data/sample (same seed, same bytes).
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../core/config.ts';
import type { Logger } from '../core/log.ts';
import type { Reference } from '../core/reference.ts';
import { generate } from './generate/index.ts';

export const SAMPLE = { vacancies: 15_000, seekers: 75_000, months: 24, end: '2025-12', seed: 20251231, format: 'csv' as const };
export const SAMPLE_DIR = path.join(PROJECT_ROOT, 'data', 'sample');

export async function ensureSample(reference: Reference, logger: Logger, dir: string = SAMPLE_DIR): Promise<{ dir: string; files: string[] }> {
  const marker = path.join(dir, '.complete');
  if (!fs.existsSync(marker)) {
    logger.info({ dir, ...SAMPLE }, 'generating the sample extracts');
    const staging = `${dir}.partial`;
    fs.rmSync(staging, { recursive: true, force: true });
    await generate({ ...SAMPLE, out: staging }, reference);
    fs.writeFileSync(path.join(staging, '.complete'), JSON.stringify(SAMPLE));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
  }
  return { dir, files: fs.readdirSync(dir).filter((f) => !f.startsWith('.')).sort().map((f) => path.join(dir, f)) };
}
