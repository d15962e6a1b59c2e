import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, PROJECT_ROOT, describeConfig, loadConfig } from '../core/config.ts';

describe('configuration', () => {
  it('has defaults that follow DESIGN §4 and resolves paths against the project', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, minCell: 5, theta: 0.8, vacancyValidityDays: 89, seekerValidityDays: 179, schedule: '0 2 * * *', timezone: 'Asia/Jakarta' });
    expect(config.db).toBe(path.join(PROJECT_ROOT, 'data', 'warehouse', 'sinergi.duckdb'));
  });

  it('reads SINERGI_* variables, and flags win over them', () => {
    const config = loadConfig({ SINERGI_MIN_CELL: '1', SINERGI_PORT: '8080', SINERGI_THETA: '0.75' }, { port: 9090 });
    expect(config.minCell).toBe(1);
    expect(config.theta).toBe(0.75);
    expect(config.port).toBe(9090);
  });

  it('takes the disclosure method suppress (the default) or round, and names a bad one', () => {
    expect(loadConfig({}).disclosure).toBe('suppress');
    expect(loadConfig({ SINERGI_DISCLOSURE: 'round' }).disclosure).toBe('round');
    expect(describeConfig(loadConfig({ SINERGI_DISCLOSURE: 'round' })).disclosure).toBe('round');
    expect(() => loadConfig({ SINERGI_DISCLOSURE: 'blur' })).toThrow(/invalid SINERGI_DISCLOSURE: "blur" \(Invalid option: expected one of "suppress"\|"round"\)/);
  });

  it('names every bad variable and its value', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ SINERGI_MIN_CELL: 'abc', SINERGI_THETA: '1.5', SINERGI_SCHEDULE: 'every night', SINERGI_TIMEZONE: 'Mars/Base', SINERGI_PSEUDONYM_KEY: 'short' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toHaveLength(5);
    expect(error!.problems[0]).toMatch(/^invalid SINERGI_MIN_CELL: "abc"/);
    expect(error!.problems[1]).toMatch(/^invalid SINERGI_THETA: "1.5"/);
    expect(error!.problems[2]).toBe('invalid SINERGI_SCHEDULE: "every night" (not a valid cron expression)');
    expect(error!.problems[3]).toBe('invalid SINERGI_TIMEZONE: "Mars/Base" (not an IANA time zone)');
    expect(error!.problems[4]).toBe('invalid SINERGI_PSEUDONYM_KEY: "short" (must be 64 hexadecimal characters (256 bits))');
  });

  it('names the flag when the flag is bad', () => {
    expect(() => loadConfig({}, { port: 70000 })).toThrow(/invalid --port: 70000/);
  });

  it('masks secrets when described', () => {
    const shown = describeConfig(loadConfig({ SINERGI_ADMIN_TOKEN: 'a-very-secret-token-123', SINERGI_PSEUDONYM_KEY: 'ab'.repeat(32) }));
    expect(shown.adminToken).toBe('********');
    expect(shown.pseudonymKey).toBe('********');
    expect(JSON.stringify(shown)).not.toContain('a-very-secret');
  });
});

describe('methodology definitions', () => {
  it('state the constants the marts use, in both languages', async () => {
    const { definitions, METHODOLOGY } = await import('../core/methodology.ts');
    const all = definitions();
    expect(all.map((d) => d.key)).toEqual(['active-vacancy', 'active-seeker', 'flows', 'placements', 'skill-gap', 'provisional', 'changes', 'trend', 'matching', 'normalisation', 'data-loading', 'duplicates', 'privacy']);
    for (const d of all) expect(d.title.id && d.title.en && d.text.id && d.text.en && d.formula && d.formulaId, d.key).toBeTruthy();
    expect(all.find((d) => d.key === 'active-vacancy')!.formula).toContain(`${METHODOLOGY.vacancyValidityDays} days`);
    expect(all.find((d) => d.key === 'duplicates')!.formula).toContain(`title similarity ≥ ${METHODOLOGY.duplicateTitleSimilarity}`);
    expect(all.find((d) => d.key === 'duplicates')!.text.id).toContain(`${METHODOLOGY.duplicateSlackDays} hari`);
    expect(definitions({ theta: 0.75, minCell: 10, vacancyValidityDays: 60, seekerValidityDays: 120 }).find((d) => d.key === 'matching')!.formula).toContain('c ≥ 0.75');
  });
});
