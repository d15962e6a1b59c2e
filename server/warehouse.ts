// The read side's view of the published warehouse: opened read-only, reopened when a run
// publishes a new file (its inode or mtime changes). The data version (for caches and
// ETags) changes with it, and so do its dimension tables (months, regions, ISCO groups,
// skills), read once per version by the first request that needs them (`dimensions`).
//
// A DuckDB connection runs one query at a time: a second query on it silently ends the
// first one's streaming result (a download stops at a chunk boundary with no error), and
// interrupt() stops whatever it runs. So connections are leased exclusively from a pool,
// and a request waits in line when all are busy. An old warehouse is closed once its last
// lease is released.
import fs from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createDimensionCache, type DimensionCache } from '../core/dimensions.ts';
import { HttpError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';

export interface Snapshot { connection: DuckDBConnection; version: string; asOf: Date }
export interface Lease extends Snapshot { release(): void }

export interface WarehouseReader {
  /** An exclusive connection to the current warehouse; call release() when done with it. Throws 503 when none is published. */
  lease(): Promise<Lease>;
  /** fn with an exclusive connection, released when fn settles. */
  withConnection<T>(fn: (snapshot: Snapshot) => Promise<T>): Promise<T>;
  /**
   * With a response: a connection held exclusively until the response closes. Without one:
   * a connection shared with other such callers, for materialized queries only (never a
   * stream, never interrupt()). Kept for callers written before leases; prefer withConnection.
   */
  acquire(res?: { once(event: 'close', listener: () => void): unknown }): Promise<Snapshot>;
  /** Look for a newly published file every intervalMs and open it (so onPublish runs without a request); returns stop(). */
  watch(intervalMs: number): () => void;
  /** The version and date of the current warehouse (opening it if newly published), without a connection; 503 when none. */
  snapshot(): Promise<{ version: string; asOf: Date }>;
  /** The same without waiting: null when nothing is open yet or a newer file awaits opening (then call snapshot()). For cache hits. */
  current(): { version: string; asOf: Date } | null;
  /**
   * The dimension tables of a data version (pass a snapshot's version and connection): read
   * by the first caller, then kept until a newer version is published. Pages, the API,
   * downloads and the match desk all use it, so codes are checked with no query.
   */
  readonly dimensions: DimensionCache;
  /** Called with the new version each time a newly published warehouse is opened. */
  onPublish(listener: (version: string) => void): void;
  /** Connections in use and requests waiting for one (for tests and the bench). */
  readonly stats: { busy: number; waiting: number; size: number };
  /**
   * Stop serving: interrupt what still runs, wait (up to CLOSE_WAIT_MS) for every lease to
   * come back, then close the files. A connection is never closed while a query on it may
   * still be running: that is a use-after-free in DuckDB's native code (the process dies).
   */
  close(): Promise<void>;
}

export const CONNECTIONS = 6;
const SHARED = 2;
/**
 * Requests that may wait for a connection, and for how long: beyond either the answer is
 * a 503 with Retry-After, so a burst of uncached requests cannot queue without bound (a
 * cached page or API answer never waits: it needs no connection).
 */
export const MAX_WAITING = 64;
export const MAX_WAIT_MS = 30_000;
export const RETRY_AFTER_SECONDS = 5;

/** A 503 that says when to come back (the error handler sends its headers). */
export class BusyError extends HttpError {
  readonly headers = { 'Retry-After': String(RETRY_AFTER_SECONDS) };
  constructor(why: string) { super(503, `the server is busy (${why}); try again in ${RETRY_AFTER_SECONDS} seconds`); }
}
const busyError = (why: string) => new BusyError(why);

interface Opened { instance: DuckDBInstance; idle: DuckDBConnection[]; all: DuckDBConnection[]; shared: DuckDBConnection[]; next: number; version: string; asOf: Date; leased: number; retired: boolean; graceOver?: boolean; shut?: boolean }

/** How long close() waits for running queries to give their connections back. */
const CLOSE_WAIT_MS = 10_000;

export function createWarehouseReader(db: string, logger: Logger, memoryLimit = '1GB', size = CONNECTIONS, limits = { maxWaiting: MAX_WAITING, maxWaitMs: MAX_WAIT_MS }): WarehouseReader {
  let current: Opened | null = null;
  let opening: Promise<Opened> | null = null;
  const waiting: (() => void)[] = [];
  const listeners: ((version: string) => void)[] = [];
  let busy = 0;
  const dimensions = createDimensionCache();

  // One stat per turn of the event loop, however many requests that turn handles (a
  // loaded server handles a hundred or more): a publish is seen by the next turn.
  let seen: { version: string; asOf: Date } | null | undefined;
  const versionOf = () => {
    if (seen !== undefined) return seen;
    const stat = fs.statSync(db, { throwIfNoEntry: false });
    seen = stat ? { version: `${stat.ino.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}`, asOf: stat.mtime } : null;
    setImmediate(() => { seen = undefined; });
    return seen;
  };

  const open = async (found: { version: string; asOf: Date }): Promise<Opened> => {
    // Big exports sort and spill within this limit instead of growing the process.
    const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY', threads: '2', memory_limit: memoryLimit });
    const all = await Promise.all(Array.from({ length: size + SHARED }, () => instance.connect()));
    logger.info({ db, version: found.version }, 'warehouse opened');
    return { instance, idle: all.slice(0, size), all, shared: all.slice(size), next: 0, version: found.version, asOf: found.asOf, leased: 0, retired: false };
  };

  const shut = (old: Opened) => {
    if (old.shut) return;
    old.shut = true;
    retired.delete(old);
    for (const c of old.all) c.closeSync();
    old.instance.closeSync();
  };
  const retired = new Set<Opened>();
  let closed = false;
  const retire = (old: Opened) => {
    old.retired = true;
    retired.add(old);
    // Requests still running on the old file (a long download) finish first; the shared
    // connections' callers have no release, so they get a grace period.
    setTimeout(() => { old.graceOver = true; if (old.leased === 0) shut(old); }, 30_000).unref();
  };

  const currentOpened = async (): Promise<Opened> => {
    if (closed) throw new HttpError(503, 'the server is shutting down');
    const found = versionOf();
    if (!found) throw new HttpError(503, 'no data has been published yet: the first pipeline run has not finished');
    if (!current || current.version !== found.version) {
      if (!opening) {
        opening = open(found).then((fresh) => {
          const old = current;
          current = fresh;
          if (old) retire(old);
          // Waiters of the old file take connections of the new one.
          while (waiting.length && fresh.idle.length) waiting.shift()!();
          for (const listener of listeners) listener(fresh.version);
          return fresh;
        }).finally(() => { opening = null; });
      }
      return opening;
    }
    return current;
  };

  const lease = async (): Promise<Lease> => {
    for (;;) {
      const opened = await currentOpened();
      const connection = opened.idle.pop();
      if (connection) {
        opened.leased++;
        busy++;
        let released = false;
        return {
          connection, version: opened.version, asOf: opened.asOf,
          release() {
            if (released) return;
            released = true;
            opened.leased--;
            busy--;
            if (!opened.retired) opened.idle.push(connection);
            else if (opened.graceOver && opened.leased === 0) shut(opened);
            waiting.shift()?.();
          },
        };
      }
      if (waiting.length >= limits.maxWaiting) throw busyError(`${waiting.length} requests are waiting for the data`);
      await new Promise<void>((resolve, reject) => {
        const wake = () => { clearTimeout(timer); resolve(); };
        const timer = setTimeout(() => {
          const at = waiting.indexOf(wake);
          if (at >= 0) waiting.splice(at, 1);
          reject(busyError(`no connection to the data came free within ${limits.maxWaitMs / 1000} s`));
        }, limits.maxWaitMs);
        waiting.push(wake);
      });
    }
  };

  return {
    lease,
    async withConnection(fn) {
      const held = await lease();
      try { return await fn(held); } finally { held.release(); }
    },
    async acquire(res) {
      if (!res) {
        const opened = await currentOpened();
        return { connection: opened.shared[opened.next++ % opened.shared.length], version: opened.version, asOf: opened.asOf };
      }
      const held = await lease();
      res.once('close', () => held.release());
      return { connection: held.connection, version: held.version, asOf: held.asOf };
    },
    watch(intervalMs) {
      const timer = setInterval(() => {
        const found = versionOf();
        if (found && (!current || found.version !== current.version)) currentOpened().catch((error: unknown) => logger.error({ err: error }, 'could not open the newly published warehouse'));
      }, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    async snapshot() { const { version, asOf } = await currentOpened(); return { version, asOf }; },
    current() {
      const found = versionOf();
      return current && found && found.version === current.version ? { version: current.version, asOf: current.asOf } : null;
    },
    dimensions,
    onPublish(listener) { listeners.push(listener); },
    get stats() { return { busy, waiting: waiting.length, size }; },
    async close() {
      closed = true;
      const open = [...(current ? [current] : []), ...retired];
      current = null;
      for (const wake of waiting.splice(0)) wake();  // they find the reader closed: a 503
      for (const o of open) {
        o.retired = true;
        for (const c of o.all) if (!o.idle.includes(c)) c.interrupt();
      }
      for (const started = Date.now(); open.some((o) => o.leased > 0) && Date.now() - started < CLOSE_WAIT_MS;) await new Promise((resolve) => setTimeout(resolve, 10));
      for (const o of open) {
        if (o.leased === 0) shut(o);
        else logger.warn({ leased: o.leased, version: o.version }, 'closing the warehouse reader with queries still running: their file is left open');
      }
    },
  };
}
