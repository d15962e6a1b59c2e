// Entry of a matching thread (pipelines/matching/threads.ts): TypeScript through tsx, as
// bin/sinergi.js runs the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
