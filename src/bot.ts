import type { AddressInfo } from 'node:net';
import type { Logger as BoltLogger } from '@slack/bolt';
import { createApiServer, createGateWatch, createPipelineMessenger, createTokenSecrets } from './api/index.ts';
import {
  createRetroMessenger,
  createRiskReporter,
  createStandupMessenger,
  RETRO_TIMERS,
  RISK_REPORT_TIMER,
  remindStandup,
  retroPromptTimer,
  retroSummaryTimer,
  riskReportTimer,
  runCadence,
  STANDUP_TIMERS,
  summarizeStandupNow,
} from './cadence/index.ts';
import type { Config } from './config.ts';
import { wireContributions } from './contributions.ts';
import type { Clock } from './core/ports.ts';
import { runDueTimers, type TimerHandlers } from './core/usecases/run-due-timers.ts';
import type { Deps } from './deps.ts';
import { createEscalationPager, ESCALATION_STEP_TIMER, runEscalationStep } from './escalation/index.ts';
import { registerListeners } from './listeners.ts';
import { createLogger } from './logger.ts';
import { openStore } from './open-store.ts';
import { startScheduler } from './platform/scheduler/cron.ts';
import { type Job, runJobs } from './platform/scheduler/jobs.ts';
import { createSlackApp } from './platform/slack/app.ts';
import { cachedUserDirectory } from './platform/slack/cached-user-directory.ts';
import { createChannelPacer } from './platform/slack/channel-pacer.ts';
import { createUserDirectory } from './platform/slack/user-directory.ts';
import { createSlackPollMessenger, getPollView, POLL_DEADLINE_TIMER, remindPollDeadline } from './polls/index.ts';

export type ReleaseBotOptions = {
  config: Config;
  clock?: Clock;
  logger?: BoltLogger;
  /** Names this process in timer claims; defaults to host and pid. */
  instanceId?: string;
  /** Start node-cron ticks with the bot (the default). Tests leave it off and call `tick()` after moving the clock. */
  schedule?: boolean;
  /** Least time between two posts to one channel (Slack allows about one per second); tests may lower it. */
  channelPostIntervalMs?: number;
  /** How often a held `GET …/gate?wait=` reads the database when nothing in this process woke it (default 1 s). */
  gatePollMs?: number;
};

export const systemClock: Clock = { now: () => new Date() };

/** Every kind of durable timer the bot knows. Capabilities add their handlers here. */
const TIMER_HANDLERS: TimerHandlers<Deps> = {
  [ESCALATION_STEP_TIMER]: runEscalationStep,
  [POLL_DEADLINE_TIMER]: async (deps, timer) => {
    const pollId = (timer.payload as { pollId?: unknown } | null)?.pollId;
    if (typeof pollId === 'number') await remindPollDeadline(deps, pollId);
  },
  [STANDUP_TIMERS.reminder]: remindStandup,
  [STANDUP_TIMERS.summary]: summarizeStandupNow,
  [RISK_REPORT_TIMER]: (deps, timer) => riskReportTimer(deps, timer),
  [RETRO_TIMERS.prompt]: retroPromptTimer,
  [RETRO_TIMERS.summary]: (deps, timer) => retroSummaryTimer(deps, timer),
};

/**
 * The composition root as a function, so `npm start`, the end-to-end tests and the sandbox build the same bot: the
 * database opened and migrated, the store, the Slack app, the scheduled jobs.
 */
export async function createReleaseBot(options: ReleaseBotOptions) {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);
  const instanceId = options.instanceId ?? `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let state: 'starting' | 'ready' | 'stopping' = 'starting';
  let listening = false;

  // SQLite, or PostgreSQL when DATABASE_URL is set (src/open-store.ts).
  const database = await openStore(config, logger);
  const store = database.store;
  // The pipeline API on the same port (src/api). It reads `deps` lazily: requests arrive only once the bot runs.
  const api = createApiServer({ deps: () => deps, logger });
  const gateWatch = createGateWatch({ pollMs: options.gatePollMs });
  const slack = createSlackApp({
    botToken: config.slack.botToken,
    signingSecret: config.slack.signingSecret,
    appToken: config.slack.appToken,
    apiUrl: config.slack.apiUrl,
    port: config.port,
    logger,
    health: async () => {
      // A replica that cannot reach PostgreSQL should be taken out of the load balancer, not sent requests.
      const reachable = state !== 'ready' || (await database.reachable());
      return {
        ready: state === 'ready' && reachable,
        body: { status: state, database: reachable ? 'migrated' : 'unreachable' },
      };
    },
    routes: [api.route],
  });
  const pacer = createChannelPacer(options.channelPostIntervalMs ?? 1000);
  const deps: Deps = wireContributions({
    store,
    clock,
    users: cachedUserDirectory(createUserDirectory(slack.app.client), { ttlMs: 60_000 }),
    logger,
    defaultTimeZone: config.defaultTimeZone,
    escalationPager: createEscalationPager(slack.app.client),
    escalationMaxAgeMs: config.escalationMaxAgeMs,
    pollMessenger: createSlackPollMessenger({
      client: slack.app.client,
      // Reads `deps` lazily: it is only called once the bot runs, after `deps` exists.
      load: (pollId) => getPollView(deps, pollId),
      logger,
    }),
    catchUpGraceMs: config.catchUpGraceMs,
    standupMessenger: createStandupMessenger(slack.app.client, pacer),
    riskReporter: createRiskReporter(slack.app.client, pacer),
    retroMessenger: createRetroMessenger(slack.app.client, pacer),
    pipelineMessenger: createPipelineMessenger(slack.app.client, logger),
    gateWatch,
    tokenSecrets: createTokenSecrets(),
  });
  registerListeners(slack.app, deps);

  const jobs: Job[] = [
    { name: 'cadence', run: async () => void (await runCadence(deps, instanceId)) },
    { name: 'timers', run: async () => void (await runDueTimers(deps, TIMER_HANDLERS, instanceId)) },
  ];
  let scheduler: { stop: () => Promise<void> } | undefined;

  return {
    app: slack.app,
    deps,
    store,
    database,
    /** Holds the pipeline API's `GET …/gate?wait=` requests (how many are held, for tests and the sandbox). */
    gateWatch,
    /** Verifies the token (auth.test), starts listening and, unless disabled, the scheduler. */
    async start(): Promise<{ port: number | undefined }> {
      await slack.app.init();
      const started = await slack.app.start(config.port);
      listening = true;
      state = 'ready';
      if (options.schedule !== false) scheduler = startScheduler(jobs, { clock, logger });
      const address = (started as { address?: () => AddressInfo | string | null } | undefined)?.address?.();
      return { port: typeof address === 'object' && address ? address.port : undefined };
    },
    /** Resolves once no Slack listener is running, including work done after its ack (or after `timeoutMs`). */
    idle: (timeoutMs: number): Promise<void> => slack.idle(timeoutMs),
    /** Runs every scheduled job once at the clock's current time. */
    async tick(): Promise<void> {
      await runJobs(jobs, clock.now(), (job, error) => logger.error(`job ${job.name} failed`, error));
    },
    /** Stops taking work, lets what is running finish, then closes the database. */
    async stop(): Promise<void> {
      if (state === 'stopping') return;
      state = 'stopping';
      // Held `wait` requests are answered 503 (retry) now, so they neither hold the shutdown nor get cut mid-answer.
      api.stop();
      gateWatch.stop();
      await scheduler?.stop();
      await api.idle(10_000);
      if (listening) await slack.app.stop().catch((error: unknown) => logger.warn('stopping the Slack app', error));
      await slack.idle(10_000);
      await database.close();
    },
  };
}

export type ReleaseBot = Awaited<ReturnType<typeof createReleaseBot>>;
