#!/usr/bin/env node
// Entry point for `npx sinergi …` and the npm scripts: runs the TypeScript CLI through
// tsx, so no build step is needed after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../pipelines/cli.ts');
process.exitCode = await main(process.argv.slice(2));
