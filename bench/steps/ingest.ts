// Bench step: a full pipeline run over a folder of extracts into a fresh warehouse.
import { loadConfig } from '../../core/config.ts';
import { silentLogger } from '../../core/log.ts';
import { loadReference } from '../../core/reference.ts';
import { runPipeline } from '../../pipelines/run.ts';
import { reportStep } from '../measure.ts';

const { input, db } = JSON.parse(process.argv[2]) as { input: string; db: string };
const config = loadConfig(process.env, { db });
const result = await runPipeline({ inputs: [input], db }, { config, reference: loadReference(), logger: silentLogger() });
if (result.status !== 'succeeded') throw new Error(`bench run ${result.status}: ${result.error ?? JSON.stringify(result.files.map((f) => f.error))}`);
reportStep({ files: result.files.map((f) => ({ file: f.file, rows_read: f.rows_read, seconds: f.seconds, timings: f.timings })), coverage: result.coverage, steps: result.steps, matching: result.matching });
