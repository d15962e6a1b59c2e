// Structured logging: JSON lines on stderr (pino), so stdout stays free for command output.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: { app: 'sinergi' } }, pino.destination({ dest: 2, sync: true }));
}

/** A logger that drops everything, for tests and quiet commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
