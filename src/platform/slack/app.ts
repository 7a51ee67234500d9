import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type Logger as BoltLogger, type CustomRoute, HTTPReceiver } from '@slack/bolt';

export type SlackAppOptions = {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  apiUrl: string | undefined;
  port: number;
  logger: BoltLogger;
  /** `GET /healthz`: 200 with the body when ready, 503 otherwise. May ask the database first, hence the promise. */
  health: () => Health | Promise<Health>;
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

/**
 * The Bolt app in HTTP mode (one URL, `/slack/events`, for commands, interactivity and events) or, when an app token
 * is given, Socket Mode. `inFlight` counts listener runs so a shutdown can wait for them. Listeners are registered
 * by the caller, once the dependencies they need (which use this app's client) exist.
 */
export function createSlackApp(options: SlackAppOptions) {
  // web-api's `fiveRetriesInFiveMinutes` policy rather than its default half hour: a message that late is worse than an
  // error. Written out because web-api's CommonJS `retryPolicies` export is invisible to Node's ESM named imports.
  const clientOptions = {
    retryConfig: { retries: 5, factor: 3.86 },
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
  };
  const customRoutes = [healthRoute(options.health), ...(options.routes ?? [])];
  const app = options.appToken
    ? new App({
        token: options.botToken,
        appToken: options.appToken,
        socketMode: true,
        logger: options.logger,
        clientOptions,
        customRoutes,
        installerOptions: { port: options.port, clientOptions },
        deferInitialization: true,
      })
    : new App({
        token: options.botToken,
        logger: options.logger,
        clientOptions,
        deferInitialization: true,
        receiver: new HTTPReceiver({
          signingSecret: options.signingSecret ?? '',
          endpoints: '/slack/events',
          port: options.port,
          customRoutes,
          logger: options.logger,
        }),
      });

  let inFlight = 0;
  const idleWaiters: Array<() => void> = [];
  app.use(async ({ next }) => {
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
      if (inFlight === 0) for (const wake of idleWaiters.splice(0)) wake();
    }
  });
  app.error(async (error) => {
    options.logger.error('unhandled error in a Slack listener', error);
  });

  return {
    app,
    /** Resolves once no listener is running (or after `timeoutMs`). */
    idle(timeoutMs: number): Promise<void> {
      if (inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
