// A skill extraction thread: the same matcher as the ingest's, built from its recipe; each
// message is a batch of descriptions, answered with the skills of each, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { createSkillMatcher, type SkillMatcherRecipe } from '../../core/skills.ts';

const matcher = createSkillMatcher(...(workerData as SkillMatcherRecipe));
parentPort?.on('message', (texts: string[]) => parentPort?.postMessage(texts.map((text) => matcher.extract(text))));
