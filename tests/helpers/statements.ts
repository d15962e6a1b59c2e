// Counts the SQL statements every DuckDB connection of this process runs while recording:
// each statement's text, in order. It wraps the two doors every query of @duckdb/node-api
// goes through (run without parameters; runUntilLast, which prepares the others), so what
// it sees is what DuckDB is asked, whichever helper asked it.
import { DuckDBConnection } from '@duckdb/node-api';

export interface StatementLog {
  /** The statements run since recording started (or since the last clear()). */
  readonly statements: string[];
  /** How many of them mention the pattern (e.g. /\bdim_region\b/). */
  count(pattern: RegExp): number;
  clear(): void;
  /** Stop recording and put the connection's methods back. */
  restore(): void;
}

export function recordStatements(): StatementLog {
  const proto = DuckDBConnection.prototype as unknown as Record<'run' | 'runUntilLast', (this: DuckDBConnection, sql: string, ...rest: unknown[]) => Promise<unknown>>;
  const { run, runUntilLast } = proto;
  const statements: string[] = [];
  proto.run = function (sql, ...rest) {
    // With values, run prepares through runUntilLast, which records the statement.
    if (rest[0] === undefined) statements.push(sql);
    return run.call(this, sql, ...rest);
  };
  proto.runUntilLast = function (sql, ...rest) {
    statements.push(sql);
    return runUntilLast.call(this, sql, ...rest);
  };
  return {
    statements,
    count: (pattern) => statements.filter((s) => pattern.test(s)).length,
    clear: () => { statements.length = 0; },
    restore: () => { proto.run = run; proto.runUntilLast = runUntilLast; },
  };
}
