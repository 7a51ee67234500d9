import type { AddressInfo } from 'node:net';
import type { Logger as BoltLogger } from '@slack/bolt';
import { createApiServer, createGateWatch, createPipelineMessenger, createTokenSecrets } from './api/index.ts';
import {
  createRetroMessenger,
  createRiskReporter,
  createStandupMessenger,
  loadRiskReview,
  RETRO_TIMERS,
  RISK_CHARTS_TIMER,
  RISK_REPORT_TIMER,
  RISK_REVIEW_RENDER_TIMER,
  remindStandup,
  retroPromptTimer,
  retroSummaryTimer,
  riskChartsTimer,
  riskReportTimer,
  riskReviewRenderTimer,
  runCadence,
  STANDUP_TIMERS,
  scheduleRiskReviewRender,
  summarizeStandupNow,
} from './cadence/index.ts';
import type { Config } from './config.ts';
import { wireContributions } from './contributions.ts';
import type { Clock } from './core/ports.ts';
import { runDueTimers, type TimerHandlers } from './core/usecases/run-due-timers.ts';
import type { Deps } from './deps.ts';
import {
  createEscalationDirectory,
  createEscalationPager,
  ESCALATION_DELIVERY_TIMER,
  ESCALATION_STEP_TIMER,
  runEscalationDelivery,
  runEscalationStep,
} from './escalation/index.ts';
import { createGithubMessenger, createGithubWebhook } from './github/index.ts';
import { registerListeners } from './listeners.ts';
import { createLogger } from './logger.ts';
import { openStore } from './open-store.ts';
import { startScheduler } from './platform/scheduler/cron.ts';
import { type Job, runJobs } from './platform/scheduler/jobs.ts';
import { createSlackApp } from './platform/slack/app.ts';
import { cachedUserDirectory } from './platform/slack/cached-user-directory.ts';
import { createChannelMembership } from './platform/slack/channel-membership.ts';
import { createDeliveryGuard } from './platform/slack/delivery-guard.ts';
import { createModalOpener } from './platform/slack/modal-opener.ts';
import { createSlackPoster } from './platform/slack/post-once.ts';
import { createSlackUploader } from './platform/slack/upload-once.ts';
import { createUserDirectory } from './platform/slack/user-directory.ts';
import {
  createSlackPollMessenger,
  getPollView,
  POLL_DEADLINE_TIMER,
  POLL_RENDER_TIMER,
  remindPollDeadline,
  runPollRender,
  schedulePollRender,
} from './polls/index.ts';
import {
  CREATED_RENDER_TIMER,
  createHomeRefresher,
  createReleaseCreatedMessenger,
  loadCreatedMessage,
  runCreatedRender,
  scheduleCreatedRender,
} from './releases/index.ts';
import { createMetricsChartSender, METRICS_CHART_TIMER, metricsChartTimer } from './reporting/index.ts';

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
  /** How long one Web API request may take (10 s); tests that hang Slack lower it. */
  slackTimeoutMs?: number;
  /** Back-off before a call (or post) whose answer was lost is tried again (1 s, 3 s); tests lower it. */
  slackRetryDelaysMs?: readonly number[];
  /** How often a held `GET …/gate?wait=` reads the database when nothing in this process woke it (default 1 s). */
  gatePollMs?: number;
  /** How long changes are gathered before the App Homes they concern are published again (default 500 ms). */
  homeRefreshDelayMs?: number;
  /** Least time between two updates of one poll's message (default 1 s, `POLL_RENDER_INTERVAL_MS`); tests lower it. */
  pollRenderIntervalMs?: number;
};

/** How long one Web API request may take before it is given up and, when that is safe, tried again. */
export const SLACK_TIMEOUT_MS = 10_000;
/** Post intents older than this are forgotten: every retry and takeover of theirs is long over. */
const INTENT_RETENTION_MS = 30 * 86_400_000;
const HOUSEKEEPING_EVERY_MS = 3_600_000;

export const systemClock: Clock = { now: () => new Date() };

/** Every kind of durable timer the bot knows. Capabilities add their handlers here. */
const TIMER_HANDLERS: TimerHandlers<Deps> = {
  [ESCALATION_STEP_TIMER]: runEscalationStep,
  [ESCALATION_DELIVERY_TIMER]: runEscalationDelivery,
  [POLL_RENDER_TIMER]: runPollRender,
  [POLL_DEADLINE_TIMER]: async (deps, timer) => {
    const pollId = (timer.payload as { pollId?: unknown } | null)?.pollId;
    if (typeof pollId === 'number') await remindPollDeadline(deps, pollId);
  },
  [STANDUP_TIMERS.reminder]: remindStandup,
  [STANDUP_TIMERS.summary]: summarizeStandupNow,
  [RISK_REPORT_TIMER]: (deps, timer) => riskReportTimer(deps, timer),
  [RISK_CHARTS_TIMER]: riskChartsTimer,
  [RISK_REVIEW_RENDER_TIMER]: riskReviewRenderTimer,
  [CREATED_RENDER_TIMER]: runCreatedRender,
  [METRICS_CHART_TIMER]: metricsChartTimer,
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
  /** While starting: what the bot is waiting for, for `/healthz` and the log. */
  let waitingFor: string | undefined;

  // SQLite, or PostgreSQL when DATABASE_URL is set (src/open-store.ts).
  const database = await openStore(config, logger);
  const store = database.store;
  // The pipeline API on the same port (src/api). It reads `deps` lazily: requests arrive only once the bot runs.
  const api = createApiServer({ deps: () => deps, logger });
  const gateWatch = createGateWatch({ pollMs: options.gatePollMs });
  // GitHub's signed webhooks on the same port (src/github); without a secret the endpoint answers 404.
  const github = createGithubWebhook({ deps: () => deps, logger, secret: config.githubWebhookSecret });
  const slack = createSlackApp({
    botToken: config.slack.botToken,
    signingSecret: config.slack.signingSecret,
    appToken: config.slack.appToken,
    apiUrl: config.slack.apiUrl,
    port: config.port,
    logger,
    timeoutMs: options.slackTimeoutMs ?? SLACK_TIMEOUT_MS,
    postIntervalMs: options.channelPostIntervalMs ?? 1000,
    ...(options.slackRetryDelaysMs ? { retryDelaysMs: options.slackRetryDelaysMs } : {}),
    health: async () => {
      // A replica whose database does not answer should be taken out of the load balancer, not sent requests.
      if (state !== 'ready') return { ready: false, body: { status: state, ...(waitingFor ? { waitingFor } : {}) } };
      const problem = await database.check();
      return {
        ready: problem === undefined,
        body: {
          status: state,
          database: problem === undefined ? 'migrated' : 'unreachable',
          ...(problem ? { problem } : {}),
        },
      };
    },
    routes: [api.route, github.route],
    accepting: () => state === 'ready',
    admit: createDeliveryGuard({ interactions: store.interactions, clock, logger }),
  });
  // Every post from a timer, a scheduled run or a gateway is made once per key (src/platform/slack/post-once.ts).
  const poster = createSlackPoster({
    client: slack.app.client,
    intents: store.intents,
    clock,
    logger,
    ...(options.slackRetryDelaysMs ? { retryDelaysMs: options.slackRetryDelaysMs } : {}),
  });
  // Uploads (the reports' charts) are made once per key too, on the same intents (src/platform/slack/upload-once.ts).
  // The App Home published again when something it shows changes (src/releases): reads `deps` lazily, like the API.
  const homeRefresh = createHomeRefresher({
    deps: () => deps,
    client: slack.app.client,
    logger,
    ...(options.homeRefreshDelayMs === undefined ? {} : { delayMs: options.homeRefreshDelayMs }),
  });
  const uploader = createSlackUploader({ client: slack.app.client, intents: store.intents, clock, logger });
  const pollMessenger = createSlackPollMessenger({
    client: slack.app.client,
    poster,
    // Reads `deps` lazily: it is only called once the bot runs, after `deps` exists.
    load: (pollId) => getPollView(deps, pollId),
    leases: store.renders,
    clock,
    logger,
    ...(options.pollRenderIntervalMs === undefined ? {} : { minIntervalMs: options.pollRenderIntervalMs }),
    onOwed: (pollId, at) =>
      void schedulePollRender(deps, pollId, at).catch((error: unknown) =>
        logger.warn(`could not schedule a look at poll ${pollId}'s message`, error),
      ),
  });
  const deps: Deps = wireContributions({
    store,
    clock,
    users: cachedUserDirectory(createUserDirectory(slack.app.client), { ttlMs: 60_000 }),
    logger,
    channels: createChannelMembership({ client: slack.app.client, clock, logger }),
    modals: createModalOpener({ client: slack.app.client, interactions: store.interactions, clock, logger }),
    defaultTimeZone: config.defaultTimeZone,
    escalationPager: createEscalationPager(slack.app.client, poster),
    escalationMaxAgeMs: config.escalationMaxAgeMs,
    escalationDirectory: createEscalationDirectory(slack.app.client, { logger }),
    escalationAdmins: config.escalationAdmins,
    pollMessenger,
    releaseMessages: createReleaseCreatedMessenger({
      client: slack.app.client,
      poster,
      leases: store.renders,
      clock,
      logger,
      load: (releaseId) => loadCreatedMessage(deps, releaseId),
      onOwed: (releaseId, at) =>
        void scheduleCreatedRender(deps, releaseId, at).catch((error: unknown) =>
          logger.warn(`could not schedule a look at the "created" message of release ${releaseId}`, error),
        ),
    }),
    catchUpGraceMs: config.catchUpGraceMs,
    standupMessenger: createStandupMessenger(slack.app.client, poster),
    riskReporter: createRiskReporter(poster, uploader, logger, {
      client: slack.app.client,
      leases: store.renders,
      clock,
      load: (releaseId, slot) => loadRiskReview(deps, releaseId, slot),
      onOwed: (key, at) =>
        void scheduleRiskReviewRender(deps, key, at).catch((error: unknown) =>
          logger.warn(`could not schedule a look at the weekly risk review of release ${key.releaseId}`, error),
        ),
    }),
    metricsCharts: createMetricsChartSender(slack.app.client, uploader, logger),
    retroMessenger: createRetroMessenger(slack.app.client, poster),
    pipelineMessenger: createPipelineMessenger(slack.app.client, logger),
    githubMessenger: createGithubMessenger(poster),
    gateWatch,
    tokenSecrets: createTokenSecrets(),
    homeRefresh,
  });
  registerListeners(slack.app, deps);

  let lastHousekeeping = Number.NEGATIVE_INFINITY;
  const jobs: Job[] = [
    { name: 'cadence', run: async () => void (await runCadence(deps, instanceId)) },
    { name: 'timers', run: async () => void (await runDueTimers(deps, TIMER_HANDLERS, instanceId)) },
    { name: 'delivery records', run: async () => void (await store.interactions.purgeExpired(clock.now())) },
    {
      name: 'housekeeping',
      run: async (now) => {
        if (now.getTime() - lastHousekeeping < HOUSEKEEPING_EVERY_MS) return;
        lastHousekeeping = now.getTime();
        await store.intents.prune(new Date(now.getTime() - INTENT_RETENTION_MS));
      },
    },
  ];
  let scheduler: { stop: () => Promise<void> } | undefined;

  return {
    app: slack.app,
    deps,
    store,
    database,
    /** Holds the pipeline API's `GET …/gate?wait=` requests (how many are held, for tests and the sandbox). */
    gateWatch,
    /** Publishes App Homes again after changes; `idle()` publishes what is waiting now (tests). */
    homeRefresh,
    /** Verifies the token (auth.test), starts listening and, unless disabled, the scheduler. */
    async start(): Promise<{ port: number | undefined }> {
      // Listen first, so that /healthz answers "starting" (503) while Slack is slow or unreachable.
      if (slack.receiver) {
        await slack.receiver.listen(config.port);
        listening = true;
      }
      waitingFor = `Slack's Web API (auth.test at ${config.slack.apiUrl ?? 'https://slack.com/api/'})`;
      const where = slack.receiver ? `listening on port ${slack.receiver.port()} (/healthz says "starting"); ` : '';
      logger.info(`${where}waiting for ${waitingFor}`);
      await slack.app.init();
      waitingFor = undefined;
      const started = await slack.app.start(config.port);
      listening = true;
      state = 'ready';
      if (options.schedule !== false) scheduler = startScheduler(jobs, { clock, logger });
      if (slack.receiver) return { port: slack.receiver.port() };
      const address = (started as { address?: () => AddressInfo | string | null } | undefined)?.address?.();
      return { port: typeof address === 'object' && address ? address.port : undefined };
    },
    /**
     * Resolves once no Slack listener is running, including work done after its ack and the poll message updates it
     * asked for (or after `timeoutMs`).
     */
    async idle(timeoutMs: number): Promise<void> {
      await slack.idle(timeoutMs);
      await pollMessenger.idle(timeoutMs);
    },
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
      github.stop();
      gateWatch.stop();
      await scheduler?.stop();
      await homeRefresh.stop();
      await api.idle(10_000);
      await github.idle(10_000);
      if (listening) await slack.app.stop().catch((error: unknown) => logger.warn('stopping the Slack app', error));
      await slack.idle(10_000);
      // The poll messages a listener asked to update and did not wait for (poll-vote.ts).
      await pollMessenger.idle(10_000);
      await database.close();
    },
  };
}

export type ReleaseBot = Awaited<ReturnType<typeof createReleaseBot>>;
