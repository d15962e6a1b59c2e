// The read side's view of the published warehouse: opened read-only, reopened when a run
// publishes a new file (its inode or mtime changes), with a few connections so requests
// do not queue behind each other. The data version (for caches and ETags) changes with it.
import fs from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { HttpError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';

interface Opened { instance: DuckDBInstance; connections: DuckDBConnection[]; version: string; next: number }

export interface WarehouseReader {
  /** A connection to the current warehouse and its data version; throws when none is published. */
  acquire(): Promise<{ connection: DuckDBConnection; version: string; asOf: Date }>;
  close(): void;
}

const CONNECTIONS = 4;

export function createWarehouseReader(db: string, logger: Logger, memoryLimit = '1GB'): WarehouseReader {
  let current: Opened | null = null;
  let opening: Promise<Opened> | null = null;

  const versionOf = () => {
    const stat = fs.statSync(db, { throwIfNoEntry: false });
    return stat ? { version: `${stat.ino.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}`, asOf: stat.mtime } : null;
  };

  const open = async (version: string): Promise<Opened> => {
    // Big exports sort and spill within this limit instead of growing the process.
    const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY', threads: '2', memory_limit: memoryLimit });
    const connections = await Promise.all(Array.from({ length: CONNECTIONS }, () => instance.connect()));
    logger.info({ db, version }, 'warehouse opened');
    return { instance, connections, version, next: 0 };
  };

  const retire = (old: Opened) => {
    // Requests already running on the old file finish first.
    setTimeout(() => { for (const c of old.connections) c.closeSync(); old.instance.closeSync(); }, 30_000).unref();
  };

  return {
    async acquire() {
      const found = versionOf();
      if (!found) throw new HttpError(503, 'no data has been published yet: the first pipeline run has not finished');
      if (!current || current.version !== found.version) {
        if (!opening) {
          opening = open(found.version).then((fresh) => {
            if (current) retire(current);
            current = fresh;
            return fresh;
          }).finally(() => { opening = null; });
        }
        await opening;
      }
      const opened = current!;
      const connection = opened.connections[opened.next++ % opened.connections.length];
      return { connection, version: opened.version, asOf: found.asOf };
    },
    close() {
      if (current) { for (const c of current.connections) c.closeSync(); current.instance.closeSync(); current = null; }
    },
  };
}
