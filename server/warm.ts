// After a publish, the server fills its caches in the background before users ask: the
// main pages in both languages (rendered once each, through the server itself, so they
// land in the page cache exactly as a visitor's request would put them) and then the full
// downloads. One request at a time, so warming never takes more than one connection and
// one core; a publish during a warm-up starts one more round when the current one ends.
import type { Logger } from '../core/log.ts';

export const WARM_PATHS = ['/', '/skills', '/gaps', '/regions', '/occupations', '/matching', '/training', '/seekers', '/methodology', '/data'];

export interface Warmer { warm(): void; readonly running: Promise<void> | null }

export function createWarmer(deps: { url: () => string; logger: Logger; paths?: string[]; afterPages?: () => Promise<void> }): Warmer {
  let running: Promise<void> | null = null;
  let again = false;
  const round = async () => {
    const started = performance.now();
    let pages = 0;
    for (const lang of ['id', 'en']) {
      for (const path of deps.paths ?? WARM_PATHS) {
        const res = await fetch(`${deps.url()}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`, { headers: { 'accept-encoding': 'gzip' } });
        await res.arrayBuffer();
        if (res.status === 200) pages++;
        else deps.logger.warn({ path, status: res.status }, 'warming a page after publish failed');
      }
    }
    await deps.afterPages?.();
    deps.logger.info({ pages, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }, 'caches warmed after publish');
  };
  const warmer: Warmer = {
    warm() {
      if (running) { again = true; return; }
      running = round()
        .catch((error: unknown) => deps.logger.error({ err: error }, 'warming the caches after publish failed'))
        .finally(() => { running = null; if (again) { again = false; warmer.warm(); } });
    },
    get running() { return running; },
  };
  return warmer;
}
