import { expect, test } from 'vitest';
import { ConfigError, describeDatabase, formatConfigError, parseConfig } from '../src/config.ts';

const minimal = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

function configError(env: Record<string, string | undefined>): string {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return formatConfigError(error);
    throw error;
  }
  throw new Error('the configuration was accepted');
}

test('without DATABASE_URL the bot keeps to its SQLite file; a blank one counts as unset', () => {
  expect(parseConfig(minimal).databaseUrl).toBeUndefined();
  expect(parseConfig({ ...minimal, DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  expect(describeDatabase(parseConfig({ ...minimal, DATABASE_PATH: '/var/lib/bot.sqlite' }))).toBe(
    '/var/lib/bot.sqlite',
  );
});

test('DATABASE_URL takes postgres:// and postgresql:// URLs', () => {
  for (const url of ['postgres://bot:pw@db.internal:5432/release_bot', 'postgresql://db/release_bot?sslmode=require']) {
    expect(parseConfig({ ...minimal, DATABASE_URL: url }).databaseUrl).toBe(url);
  }
});

test('any other DATABASE_URL is one line saying what it must be', () => {
  for (const url of ['mysql://db/release_bot', './data/bot.sqlite', 'postgres://', 'postgres//db']) {
    const lines = configError({ ...minimal, DATABASE_URL: url }).split('\n');
    expect(lines.filter((line) => line.includes('DATABASE_URL'))).toEqual([
      '  DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/release_bot (unset it to use SQLite)',
    ]);
  }
});

test('the log names the PostgreSQL database without its password', () => {
  const config = parseConfig({ ...minimal, DATABASE_URL: 'postgres://bot:s3cret@db.internal:5432/release_bot' });
  expect(describeDatabase(config)).toBe('postgres://bot:***@db.internal:5432/release_bot');
});
