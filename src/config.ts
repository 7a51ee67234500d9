import { z } from 'zod';
import { isValidTimeZone } from './core/domain/calendar.ts';
import { parseDuration } from './core/domain/duration.ts';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Empty strings count as unset: a blank line in an .env file should mean "use the default". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const EnvSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: "is missing: set it to the app's Bot User OAuth Token (xoxb-…, OAuth & Permissions)" })
    .startsWith('xoxb-', { error: 'must be a bot token starting with xoxb- (OAuth & Permissions)' }),
  SLACK_SIGNING_SECRET: optional(z.string()),
  SLACK_APP_TOKEN: optional(
    z.string().startsWith('xapp-', {
      error: 'must be an app-level token starting with xapp- (Basic Information → App-Level Tokens)',
    }),
  ),
  PORT: optional(
    z.coerce
      .number({ error: 'must be a port number' })
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must be between 0 and 65535' })
      .max(65535, { error: 'must be between 0 and 65535' }),
  ),
  DATABASE_PATH: optional(z.string()),
  DATABASE_URL: optional(
    z.string().refine((v) => /^postgres(ql)?:\/\/./.test(v) && URL.canParse(v), {
      error: 'must be a PostgreSQL URL such as postgres://user:password@host:5432/release_bot (unset it to use SQLite)',
    }),
  ),
  SLACK_API_URL: optional(z.url({ error: 'must be a URL such as http://127.0.0.1:3001/api/' })),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
  DEFAULT_TIME_ZONE: optional(
    z.string().refine(isValidTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin' }),
  ),
  CATCH_UP_GRACE: optional(
    z.string().refine((v) => parseDuration(v) !== undefined, { error: 'must be a duration such as 2h or 30m' }),
  ),
  GITHUB_WEBHOOK_SECRET: optional(
    z.string().min(16, { error: 'must be at least 16 characters: a random secret, the one set on the GitHub webhook' }),
  ),
  ESCALATION_MAX_AGE: optional(
    z.string().refine((v) => parseDuration(v) !== undefined, { error: 'must be a duration such as 7d or 48h' }),
  ),
  ESCALATION_ADMINS: optional(
    z.string().refine((v) => splitUserIds(v).every((id) => /^[UW][A-Z0-9]{2,}$/.test(id)), {
      error: 'must be Slack user ids separated by commas, such as U012ABCDEF,U034GHIJKL',
    }),
  ),
});

/** `U1, U2 U3` → the ids; used for ESCALATION_ADMINS. */
function splitUserIds(value: string): string[] {
  return value.split(/[\s,]+/).filter((id) => id !== '');
}

export type Config = {
  slack: {
    botToken: string;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
  };
  port: number;
  databasePath: string;
  /** When set, the bot keeps everything in this PostgreSQL database instead of the SQLite file. */
  databaseUrl: string | undefined;
  logLevel: LogLevelName;
  defaultTimeZone: string;
  /** How late a missed scheduled run may still be caught up after a restart. */
  catchUpGraceMs: number;
  /** Escalations older than this are never auto-escalated again. */
  escalationMaxAgeMs: number;
  /** When not empty, only these users may set the workspace's escalation defaults (else Slack admins and owners). */
  escalationAdmins: string[];
  /** Verifies GitHub's webhook deliveries (`POST /github/webhook`); unset, that endpoint answers 404. */
  githubWebhookSecret?: string | undefined;
};

export type ConfigProblem = { variable: string; message: string };

export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.variable} ${p.message}`).join('; '));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads the configuration from environment variables; throws a ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? 'environment'),
        message: issue.message,
      }));
  // HTTP mode verifies every request with the signing secret; Socket Mode needs the app token instead.
  if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      message:
        'is missing: set it to the Signing Secret (Basic Information → App Credentials), or set SLACK_APP_TOKEN for Socket Mode',
    });
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
    },
    port: e.PORT ?? 3000,
    databasePath: e.DATABASE_PATH ?? './data/release-bot.sqlite',
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL ?? 'info',
    defaultTimeZone: e.DEFAULT_TIME_ZONE ?? 'UTC',
    catchUpGraceMs: parseDuration(e.CATCH_UP_GRACE ?? '2h') ?? 7_200_000,
    escalationMaxAgeMs: parseDuration(e.ESCALATION_MAX_AGE ?? '7d') ?? 7 * 86_400_000,
    escalationAdmins: splitUserIds(e.ESCALATION_ADMINS ?? ''),
    githubWebhookSecret: e.GITHUB_WEBHOOK_SECRET,
  };
}

/** Which database the bot uses, for the log: the SQLite file, or the PostgreSQL URL without its password. */
export function describeDatabase(config: Pick<Config, 'databasePath' | 'databaseUrl'>): string {
  if (!config.databaseUrl) return config.databasePath;
  const url = new URL(config.databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

/** The one-screen explanation printed when the bot cannot start. */
export function formatConfigError(error: ConfigError): string {
  const lines = error.problems.map((p) => `  ${p.variable} ${p.message}`);
  return [
    'release-bot cannot start: the configuration is incomplete.',
    ...lines,
    'See README.md, "Configuration".',
  ].join('\n');
}
