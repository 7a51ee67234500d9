import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AnyMiddlewareArgs, App, type Logger as BoltLogger, type CustomRoute } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { createInFlight } from '../../core/in-flight.ts';
import { createAfterAckTurns } from './after-ack-turns.ts';
import { failureNotice } from './failure-notice.ts';
import { type Admission, type Delivery, SlackReceiver } from './receiver.ts';
import { createSlackTransport } from './transport.ts';
import { fitApiArguments } from './views/limits.ts';

export type SlackAppOptions = {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  apiUrl: string | undefined;
  port: number;
  logger: BoltLogger;
  /** How long one Web API request may take before it is given up (and, if idempotent, sent again). */
  timeoutMs: number;
  /** Least time between two posts to one channel. */
  postIntervalMs: number;
  /** Back-off before an idempotent call whose answer was lost is sent again; one entry per retry. */
  retryDelaysMs?: readonly number[];
  /** `GET /healthz`: 200 with the body when ready, 503 otherwise. May ask the database first, hence the promise. */
  health: () => Health | Promise<Health>;
  /** Whether deliveries may be processed now (not while starting or stopping). */
  accepting?: () => boolean;
  /** The gate every signed delivery passes before a listener sees it (replays, double submissions, forged views). */
  admit?: (delivery: Delivery) => Promise<Admission>;
  /** More HTTP routes on the same port (the pipeline API), served beside `/slack/events` and `/healthz`. */
  routes?: CustomRoute[];
};

type Health = { ready: boolean; body: Record<string, unknown> };

function healthRoute(health: SlackAppOptions['health']): CustomRoute {
  const answer = (res: ServerResponse, { ready, body }: Health) => {
    res.writeHead(ready ? 200 : 503, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      Promise.resolve()
        .then(health)
        .then(
          (state) => answer(res, state),
          () => answer(res, { ready: false, body: { status: 'error' } }),
        );
    },
  };
}

const FITTED = Symbol.for('release-bot.fitted-web-api');

/** The arguments that carry a message's or a view's whole structure. */
const STRUCTURED = ['blocks', 'view'] as const;

/**
 * `blocks` and `view` handed to the client as the JSON strings it would send anyway (a form field holds JSON, as
 * Slack reads it). The client copies every object argument key by key (`redact`) and serialises the copy for a debug
 * line on every call, logged or not; for a poll's blocks or a modal that was a large part of a call's CPU, on the
 * click path. A string is passed through as it is, so what Slack receives is the same.
 */
function serializeLargeArguments(args: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!args || !STRUCTURED.some((key) => typeof args[key] === 'object' && args[key] !== null)) return args;
  const serialized: Record<string, unknown> = { ...args };
  for (const key of STRUCTURED) {
    const value = args[key];
    if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) serialized[key] = JSON.stringify(value);
  }
  return serialized;
}

/**
 * Every Web API call goes through `WebClient#apiCall`, including those of the per-request clients Bolt makes: the one
 * place where a message or view can be kept within Slack's limits whichever builder made it (views/limits.ts).
 */
function fitEveryWebApiCall(): void {
  const prototype = WebClient.prototype as unknown as Record<symbol | string, unknown>;
  if (prototype[FITTED]) return;
  const original = WebClient.prototype.apiCall;
  WebClient.prototype.apiCall = function apiCall(this: WebClient, method, options) {
    const fitted = fitApiArguments(method, options as Record<string, unknown> | undefined);
    return original.call(this, method, serializeLargeArguments(fitted) as typeof options);
  };
  prototype[FITTED] = true;
}

/**
 * The Bolt app in HTTP mode (one URL, `/slack/events`, for commands, interactivity and events) or, when an app token
 * is given, Socket Mode. `inFlight` counts listener runs so a shutdown can wait for them. Listeners are registered
 * by the caller, once the dependencies they need (which use this app's client) exist.
 */
export function createSlackApp(options: SlackAppOptions) {
  fitEveryWebApiCall();
  // Every client Bolt makes (the app's, each listener's, Socket Mode's) sends through the transport: pacing and 429s
  // per lane, a timeout per request, and resending only what may be sent twice. The client itself retries nothing
  // (its retries would resend a post Slack already made) and never pauses its whole queue on a 429.
  const transport = createSlackTransport({
    apiUrl: options.apiUrl ?? 'https://slack.com/api/',
    timeoutMs: options.timeoutMs,
    postIntervalMs: options.postIntervalMs,
    logger: options.logger,
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
  });
  const clientOptions = {
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // The transport decides what waits; the client's own queue must not hold calls back behind a paused lane.
    maxRequestConcurrency: Number.POSITIVE_INFINITY,
    fetch: transport.fetch,
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
  };
  const health = healthRoute(options.health);
  const customRoutes = [health, ...(options.routes ?? [])];
  const receiver = options.appToken
    ? undefined
    : new SlackReceiver({
        signingSecret: options.signingSecret ?? '',
        logger: options.logger,
        routes: { '/healthz': health.handler as (req: IncomingMessage, res: ServerResponse) => void },
        // Bolt's `*path` wildcard routes (the pipeline API) are served under their prefix, any method.
        mounts: (options.routes ?? []).map((route) => ({
          prefix: route.path.replace(/\*path$/, ''),
          handler: route.handler as (req: IncomingMessage, res: ServerResponse) => void,
        })),
        accepting: options.accepting ?? (() => true),
        afterAck: createAfterAckTurns().turn,
        ...(options.admit ? { admit: options.admit } : {}),
      });
  const app = options.appToken
    ? new App({
        token: options.botToken,
        appToken: options.appToken,
        socketMode: true,
        logger: options.logger,
        clientOptions,
        customRoutes,
        installerOptions: { port: options.port, clientOptions },
        convoStore: false,
        deferInitialization: true,
      })
    : new App({
        token: options.botToken,
        logger: options.logger,
        clientOptions,
        // No listener keeps conversation state; Bolt's in-memory store would be looked up on every request.
        convoStore: false,
        deferInitialization: true,
        receiver,
      });

  const inFlight = createInFlight();
  app.use((args) =>
    inFlight.track(async () => {
      try {
        await args.next();
      } catch (error) {
        // Whatever a listener throws, the person hears about it and the process goes on.
        options.logger.error('a Slack listener failed', error);
        await failureNotice(args as AnyMiddlewareArgs & { ack?: (r?: unknown) => Promise<void> }, error).catch(
          (notice: unknown) => options.logger.warn('could not tell the person about a failure', notice),
        );
      }
    }),
  );
  app.error(async (error) => {
    options.logger.error('unhandled error in a Slack listener', error);
  });

  return {
    app,
    /** The HTTP receiver (absent in Socket Mode), to listen before the app is initialised. */
    receiver,
    /** Resolves once no listener is running (or after `timeoutMs`). */
    idle: inFlight.idle,
  };
}
