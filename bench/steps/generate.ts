// Bench step: generate extracts (argument: GenerateOptions as JSON).
import { loadReference } from '../../core/reference.ts';
import { generate, type GenerateOptions } from '../../pipelines/generate/index.ts';
import { reportStep } from '../measure.ts';

const options = JSON.parse(process.argv[2]) as GenerateOptions;
const result = await generate(options, loadReference());
reportStep(result);
