// Full downloads as files: an unfiltered dataset (or the bundle of all) is the same bytes
// until the next publish, so it is built once per data version into
// <warehouse folder>/downloads/<version>/ and then served from disk (with a gzipped copy
// for text formats). A build writes to a temporary name and renames on success; concurrent
// requests for a file being built wait for that one build; files of older versions are
// removed when a newer version is built.
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { Logger } from '../core/log.ts';

export interface BuiltFile { file: string; bytes: number; gzip?: { file: string; bytes: number } }

export interface DownloadStore {
  /** The file named name for version, built by build(out) the first time (once, however many ask). */
  get(version: string, name: string, build: (out: Writable) => Promise<void>, options?: { gzip?: boolean }): Promise<BuiltFile>;
  /** The files already built for version, by name. */
  built(version: string): Map<string, BuiltFile>;
  readonly dir: string;
}

/**
 * At most n tasks at a time, the others in line: downloads hold a connection for as long as
 * their client reads, so they may not take every connection from the pages and the API.
 */
export function createLimiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    while (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try { return await task(); } finally { running--; waiting.shift()?.(); }
  };
}

/** Streams and builds of downloads at a time (of the pool's CONNECTIONS; the rest stay for pages and the API). */
export const DOWNLOAD_STREAMS = 4;

export function createDownloadStore(dir: string, logger: Logger, builds = 2): DownloadStore {
  const pending = new Map<string, Promise<BuiltFile>>();
  const limit = createLimiter(builds);
  const folder = (version: string) => path.join(dir, version.replace(/[^\w-]/g, '_'));

  const describe = (file: string): BuiltFile | null => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return null;
    const gz = fs.statSync(`${file}.gz`, { throwIfNoEntry: false });
    return { file, bytes: stat.size, gzip: gz ? { file: `${file}.gz`, bytes: gz.size } : undefined };
  };

  const removeOthers = (keep: string) => {
    for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      if (name !== path.basename(keep)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  };

  const build = async (version: string, name: string, write: (out: Writable) => Promise<void>, gzip: boolean): Promise<BuiltFile> => {
    const target = path.join(folder(version), name);
    fs.mkdirSync(folder(version), { recursive: true });
    removeOthers(folder(version));
    const temp = `${target}.${process.pid}.building`;
    const started = performance.now();
    try {
      const out = fs.createWriteStream(temp);
      await write(out);
      await finished(out);
      if (gzip) await pipeline(fs.createReadStream(temp), zlib.createGzip({ level: 6 }), fs.createWriteStream(`${temp}.gz`));
      if (gzip) fs.renameSync(`${temp}.gz`, `${target}.gz`);
      fs.renameSync(temp, target);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      fs.rmSync(`${temp}.gz`, { force: true });
      throw error;
    }
    const built = describe(target)!;
    logger.info({ file: target, bytes: built.bytes, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) }, 'full download built');
    return built;
  };

  return {
    dir,
    get(version, name, write, options = {}) {
      const ready = describe(path.join(folder(version), name));
      if (ready && (!options.gzip || ready.gzip)) return Promise.resolve(ready);
      const key = `${version}/${name}`;
      let running = pending.get(key);
      if (!running) {
        running = limit(() => build(version, name, write, options.gzip ?? false)).finally(() => pending.delete(key));
        pending.set(key, running);
      }
      return running;
    },
    built(version) {
      const found = new Map<string, BuiltFile>();
      const here = folder(version);
      for (const name of fs.existsSync(here) ? fs.readdirSync(here) : []) {
        if (name.endsWith('.gz') || name.endsWith('.building')) continue;
        const file = describe(path.join(here, name));
        if (file) found.set(name, file);
      }
      return found;
    },
  };
}

/** Send a built file: its gzipped copy to a client that accepts gzip, with its length. */
export async function sendBuilt(file: BuiltFile, acceptEncoding: string | undefined, res: import('express').Response): Promise<void> {
  const gz = file.gzip && /\bgzip\b/.test(acceptEncoding ?? '') ? file.gzip : null;
  if (gz) res.set('Content-Encoding', 'gzip');
  res.set('Content-Length', String(gz ? gz.bytes : file.bytes));
  try {
    await pipeline(fs.createReadStream(gz ? gz.file : file.file), res);
  } catch (error) {
    // The client left before the end: nothing failed on our side.
    if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  }
}
