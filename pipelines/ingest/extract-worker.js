// Entry of a skill extraction thread (pipelines/ingest/extract-thread.ts): TypeScript
// through tsx, as bin/sinergi.js runs the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./extract-worker.ts');
