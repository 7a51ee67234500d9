import { expect, test } from 'vitest';
import { ConfigError, formatConfigError, parseConfig } from '../src/config.ts';

const minimal = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

function problemsOf(env: Record<string, string | undefined>) {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

test('defaults fill everything but the credentials', () => {
  expect(parseConfig(minimal)).toEqual({
    slack: { botToken: 'xoxb-1', signingSecret: 'secret', appToken: undefined, apiUrl: undefined },
    port: 3000,
    databasePath: './data/release-bot.sqlite',
    logLevel: 'info',
    defaultTimeZone: 'UTC',
    catchUpGraceMs: 7_200_000,
    escalationMaxAgeMs: 7 * 86_400_000,
    escalationAdmins: [],
  });
});

test('an empty environment names both missing credentials', () => {
  expect(problemsOf({})).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
});

test('Socket Mode needs the app token instead of the signing secret', () => {
  expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack.appToken).toBe('xapp-1');
  expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-wrong' })).toEqual(['SLACK_APP_TOKEN']);
});

test('every bad variable is named at once, with how to fix it', () => {
  const env = {
    ...minimal,
    SLACK_BOT_TOKEN: 'xoxp-user',
    PORT: '70000',
    LOG_LEVEL: 'loud',
    SLACK_API_URL: 'nope',
    DEFAULT_TIME_ZONE: 'Mars/Base',
    CATCH_UP_GRACE: 'soon',
  };
  expect(problemsOf(env)).toEqual([
    'SLACK_BOT_TOKEN',
    'PORT',
    'SLACK_API_URL',
    'LOG_LEVEL',
    'DEFAULT_TIME_ZONE',
    'CATCH_UP_GRACE',
  ]);
  try {
    parseConfig(env);
  } catch (error) {
    const text = formatConfigError(error as ConfigError);
    expect(text).toContain('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
    expect(text).toContain('PORT must be between 0 and 65535');
  }
});

test('blank values mean "use the default"', () => {
  expect(parseConfig({ ...minimal, PORT: '', SLACK_API_URL: '', DATABASE_PATH: '' }).port).toBe(3000);
});

test('ESCALATION_ADMINS takes Slack user ids separated by commas or spaces and refuses anything else', () => {
  expect(parseConfig(minimal).escalationAdmins).toEqual([]);
  expect(parseConfig({ ...minimal, ESCALATION_ADMINS: 'U012ABC, W034DEF U056GHI' }).escalationAdmins).toEqual([
    'U012ABC',
    'W034DEF',
    'U056GHI',
  ]);
  expect(problemsOf({ ...minimal, ESCALATION_ADMINS: '@dana' })).toEqual(['ESCALATION_ADMINS']);
  expect(problemsOf({ ...minimal, ESCALATION_ADMINS: 'C0CHANNEL' })).toEqual(['ESCALATION_ADMINS']);
});

test('ESCALATION_MAX_AGE takes any duration and refuses anything else', () => {
  expect(parseConfig({ ...minimal, ESCALATION_MAX_AGE: '48h' }).escalationMaxAgeMs).toBe(48 * 3_600_000);
  expect(problemsOf({ ...minimal, ESCALATION_MAX_AGE: 'a week' })).toEqual(['ESCALATION_MAX_AGE']);
});

test('GITHUB_WEBHOOK_SECRET is optional (the webhook answers 404 without it) and refuses a short secret', () => {
  expect(parseConfig(minimal).githubWebhookSecret).toBeUndefined();
  expect(parseConfig({ ...minimal, GITHUB_WEBHOOK_SECRET: '' }).githubWebhookSecret).toBeUndefined();
  expect(parseConfig({ ...minimal, GITHUB_WEBHOOK_SECRET: "It's a Secret to Everybody" }).githubWebhookSecret).toBe(
    "It's a Secret to Everybody",
  );
  expect(problemsOf({ ...minimal, GITHUB_WEBHOOK_SECRET: 'short' })).toEqual(['GITHUB_WEBHOOK_SECRET']);
});
