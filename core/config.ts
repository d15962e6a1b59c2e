// Every setting of Sinergi: from a command-line flag, else a SINERGI_* environment
// variable, else the default. Validated once at start; a bad value stops the program
// with a message naming the variable (or flag) and the value.
import path from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';
import { METHODOLOGY } from './methodology.ts';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Declaration of each setting: environment variable, schema, default, description. */
export const SETTINGS = {
  db: { env: 'SINERGI_DB', schema: z.string().min(1), default: 'data/warehouse/sinergi.duckdb', help: 'Published warehouse file (DuckDB).' },
  inbox: { env: 'SINERGI_INBOX', schema: z.string().min(1), default: 'data/inbox', help: 'Folder where extracts are dropped.' },
  port: { env: 'SINERGI_PORT', schema: integer(1, 65535), default: 3000, help: 'HTTP port of the dashboards.' },
  apiRateLimit: { env: 'SINERGI_API_RATE_LIMIT', schema: integer(1, 1_000_000), default: 600, help: 'API requests a client may make per minute (then 429).' },
  minCell: { env: 'SINERGI_MIN_CELL', schema: integer(1, 1000), default: METHODOLOGY.minCell, help: 'Smallest published person count k (1 turns withholding off).' },
  disclosure: { env: 'SINERGI_DISCLOSURE', schema: z.enum(['suppress', 'round']), default: 'suppress', help: 'How person counts are protected at build: suppress (counts below k withheld, with complements) or round (every count randomly rounded to base k, keyed so rebuilds agree; totals then do not add up).' },
  // Above 0.5, a vacancy needs a single matching skill only when it asks for one skill, which
  // the matching mart relies on (pipelines/matching/kernel.ts).
  theta: { env: 'SINERGI_THETA', schema: z.coerce.number().gt(0.5, 'must be above 0.5').max(1, 'must be at most 1'), default: METHODOLOGY.theta, help: 'Skill coverage θ for a qualified match (above 0.5).' },
  vacancyValidityDays: { env: 'SINERGI_VACANCY_VALIDITY_DAYS', schema: integer(1, 3650), default: METHODOLOGY.vacancyValidityDays, help: 'Days a vacancy without closed or expiry date stays active after posting.' },
  seekerValidityDays: { env: 'SINERGI_SEEKER_VALIDITY_DAYS', schema: integer(1, 3650), default: METHODOLOGY.seekerValidityDays, help: 'Days a seeker stays active after registering (re-registration window).' },
  schedule: { env: 'SINERGI_SCHEDULE', schema: z.string().refine((v) => cron.validate(v), 'not a valid cron expression'), default: '0 2 * * *', help: 'When the inbox is loaded (cron syntax).' },
  timezone: { env: 'SINERGI_TIMEZONE', schema: z.string().refine(isTimeZone, 'not an IANA time zone'), default: 'Asia/Jakarta', help: 'Time zone of the schedule.' },
  adminToken: { env: 'SINERGI_ADMIN_TOKEN', schema: z.string().min(16, 'must be at least 16 characters').optional(), default: undefined, help: 'Token protecting /admin (admin pages are off without it).', secret: true },
  pseudonymKey: { env: 'SINERGI_PSEUDONYM_KEY', schema: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (256 bits)').optional(), default: undefined, help: 'HMAC key for seeker pseudonyms; a random key is created in keyFile when absent.', secret: true },
  keyFile: { env: 'SINERGI_KEY_FILE', schema: z.string().min(1), default: 'data/secrets/pseudonym.key', help: 'Where the generated pseudonymisation key is kept (owner-only), outside the warehouse.' },
  memoryLimit: { env: 'SINERGI_MEMORY_LIMIT', schema: z.string().regex(/^\d+(\.\d+)?\s*(MB|GB|MiB|GiB)$/i, 'must be a size such as 3GB or 512MB'), default: '3GB', help: 'Memory DuckDB may use in a pipeline run (it spills to disk beyond it).' },
  matchDesk: { env: 'SINERGI_MATCH_DESK', schema: z.enum(['public', 'staff', 'off']), default: 'public', help: 'The counsellor\'s desk (/match, /api/v1/match): public, staff (signed in as for /admin) or off.' },
  warm: { env: 'SINERGI_WARM', schema: z.enum(['on', 'off']), default: 'on', help: 'Render the main pages and build the full downloads in the background after each publish (off: each is made when first asked, e.g. to measure a first render).' },
  logLevel: { env: 'SINERGI_LOG_LEVEL', schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), default: 'info', help: 'Log level.' },
} as const;

export type SettingName = keyof typeof SETTINGS;
type SettingValue<N extends SettingName> = z.output<(typeof SETTINGS)[N]['schema']>;
export type Config = { [N in SettingName]: SettingValue<N> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Resolve every setting. `overrides` are command-line flags (already named like the
 * settings); they win over `env`. Paths are resolved against `root`.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<SettingName, unknown>> = {},
  root: string = PROJECT_ROOT,
): Config {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(SETTINGS) as [SettingName, (typeof SETTINGS)[SettingName]][]) {
    const fromFlag = overrides[name];
    const fromEnv = env[setting.env];
    const raw = fromFlag ?? (fromEnv === undefined || fromEnv === '' ? setting.default : fromEnv);
    const parsed = setting.schema.safeParse(raw);
    if (!parsed.success) {
      const source = fromFlag !== undefined ? `--${kebab(name)}` : setting.env;
      problems.push(`invalid ${source}: ${JSON.stringify(raw)} (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      continue;
    }
    config[name] = parsed.data;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  for (const key of ['db', 'inbox', 'keyFile'] as const) config[key] = path.resolve(root, config[key] as string);
  return config as Config;
}

/** The configuration with secrets masked, for `sinergi info` and logs. */
export function describeConfig(config: Config): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(SETTINGS)) {
    const value = config[name as SettingName];
    shown[name] = 'secret' in setting && setting.secret ? (value === undefined ? null : '********') : value;
  }
  return shown;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
