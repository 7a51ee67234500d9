import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import {
  type App,
  type Logger as BoltLogger,
  type BufferedIncomingMessage,
  HTTPModuleFunctions,
  HTTPResponseAck,
  type Receiver,
} from '@slack/bolt';
import { z } from 'zod';

/** Slack refuses nothing older than this itself; we also refuse anything this far in the future. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;
const FORM = 'application/x-www-form-urlencoded';
const EVENTS_PATH = '/slack/events';

/** A signed request that passed the checks, as the admission gate sees it. */
export type Delivery = {
  signature: string;
  /** The request's `X-Slack-Request-Timestamp`, in seconds. */
  timestamp: number;
  retryNum: number | undefined;
  body: Record<string, unknown>;
};

/**
 * The gate's verdict. An admitted delivery may say what to do once it is acknowledged (with the ack's body) and
 * when it fails before that; a refused one is answered `status` with `response` (200 and nothing by default, which
 * Slack takes as handled and does not retry).
 */
export type Admission =
  | {
      admit: true;
      onAck?: (response: unknown) => Promise<void>;
      onUnacknowledged?: () => Promise<void>;
    }
  | { admit: false; reason: string; response?: unknown };

export type SlackReceiverOptions = {
  signingSecret: string;
  logger: BoltLogger;
  /** `GET` routes beside Slack's endpoint (`/healthz`). */
  routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void>;
  /** Routes for every path under a prefix and every method (the pipeline API); each reads its own body. */
  mounts?: ReadonlyArray<{ prefix: string; handler: (req: IncomingMessage, res: ServerResponse) => void }>;
  /** Deliveries are answered 503 until this says the app can take them (start-up, shut-down). */
  accepting: () => boolean;
  admit?: (delivery: Delivery) => Promise<Admission>;
  bodyLimit?: number;
  /**
   * Awaited by a listener's `ack()` once the answer is sent, before the listener goes on (after-ack-turns.ts): the
   * acks of requests already read come before the work after earlier ones.
   */
  afterAck?: () => Promise<void>;
  /** Real time, in milliseconds: Slack's timestamps are real, whatever clock the bot runs on. */
  now?: () => number;
};

/** The least every body the bot acts on must have; anything else is acknowledged and ignored. */
const User = z.object({ id: z.string().min(1) });
const KnownShapes = {
  command: z.object({
    command: z.string(),
    user_id: z.string().min(1),
    channel_id: z.string().min(1),
    team_id: z.string(),
    text: z.string().optional(),
    response_url: z.string().optional(),
    trigger_id: z.string().optional(),
  }),
  block_actions: z.object({
    user: User,
    actions: z.array(z.object({ action_id: z.string(), action_ts: z.string().optional() })).min(1),
  }),
  view_submission: z.object({
    user: User,
    view: z.object({
      id: z.string().min(1),
      callback_id: z.string(),
      private_metadata: z.string().optional(),
      state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({}).passthrough())) }),
    }),
  }),
  view_closed: z.object({ user: User, view: z.object({ id: z.string(), callback_id: z.string() }) }),
  event_callback: z.object({ event: z.object({ type: z.string() }).passthrough() }),
} as const;

/** Which of the known shapes a body claims to be, or undefined. */
function kindOf(body: Record<string, unknown>): keyof typeof KnownShapes | undefined {
  if (body.command !== undefined) return 'command';
  const type = body.type;
  if (typeof type === 'string' && type in KnownShapes) return type as keyof typeof KnownShapes;
  if (body.event !== undefined) return 'event_callback';
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function answer(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) return;
  if (body === undefined || body === '') {
    res.writeHead(status, headers);
    res.end();
  } else if (typeof body === 'string') {
    res.writeHead(status, headers);
    res.end(body);
  } else {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
}

/**
 * Slack's HTTP endpoint, in place of Bolt's `HTTPReceiver`, which lets one signed request with `payload=null` crash
 * the process and accepts timestamps from the future. Every request is checked in this order, and whatever goes
 * wrong is one warning line and an answer, never an exception:
 * - the body (413 over the limit), the signature and a timestamp within 5 minutes of now either way (401);
 * - the body parses to an object (400);
 * - `ssl_check` and `url_verification` are answered here;
 * - a body of a known kind has the fields every listener relies on (a user, a view, …), else 200 and ignored;
 * - the admission gate (replays, double submissions, forged views) may refuse it, 200 and ignored;
 * - then Bolt processes it; `ack` may be called once (later calls are ignored), and a delivery that no listener
 *   acknowledged is answered 200 once processing ends rather than left to Slack's timeout.
 * The server listens before the app is initialised, so `/healthz` can say "starting" while Slack is unreachable.
 */
export class SlackReceiver implements Receiver {
  private app: App | undefined;
  private server: Server | undefined;
  private readonly options: SlackReceiverOptions;

  constructor(options: SlackReceiverOptions) {
    this.options = options;
  }

  init(app: App): void {
    this.app = app;
  }

  /** Starts listening (idempotent): the bot calls this before the app's `init`, Bolt's `start` calls it again. */
  async listen(port: number): Promise<Server> {
    if (this.server) return this.server;
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.options.logger.error('a request to the bot failed', error);
        answer(res, 500);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve();
      });
    });
    // A socket that dies mid-request is the client's business, not a reason to stop.
    server.on('clientError', (_error, socket) => socket.destroy());
    this.server = server;
    return server;
  }

  start(port: number): Promise<Server> {
    return this.listen(port);
  }

  port(): number | undefined {
    const address = this.server?.address() as AddressInfo | string | null | undefined;
    return typeof address === 'object' && address ? address.port : undefined;
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const method = (req.method ?? '').toUpperCase();
    const route = this.options.routes[path];
    if (route && method === 'GET') return route(req, res);
    const mount = this.options.mounts?.find((m) => path.startsWith(m.prefix));
    if (mount) return mount.handler(req, res);
    if (path !== EVENTS_PATH || method !== 'POST') return answer(res, 404);
    const { logger } = this.options;
    const app = this.app;
    if (!app || !this.options.accepting()) return answer(res, 503, undefined, { 'retry-after': '1' });

    let buffered: BufferedIncomingMessage;
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, this.options.bodyLimit ?? 4 * 1024 * 1024);
    } catch (error) {
      const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413;
      logger.warn(tooLarge ? 'refused a request body over the size limit' : 'could not read a request body');
      return answer(res, tooLarge ? 413 : 400);
    }
    const text = buffered.rawBody.toString('utf8');
    const contentType = header(req, 'content-type');
    // Slack's SSL check is unsigned; answer it and read nothing else from it.
    // A form is decoded once, here: an interaction's payload carries the whole message it came from.
    const form = contentType === FORM ? parseQuery(text) : undefined;
    if (form?.ssl_check === '1') return answer(res, 200);

    const signed = this.verify(req, text);
    if (!signed.ok) {
      logger.warn(`refused a request: ${signed.reason}`);
      return answer(res, 401);
    }
    const body = parseBody(text, form);
    if (!isRecord(body)) {
      logger.warn(`refused a signed request whose body is not an object (${describe(body)})`);
      return answer(res, 400);
    }
    if (body.type === 'url_verification') return answer(res, 200, { challenge: body.challenge });
    const kind = kindOf(body);
    if (kind) {
      const checked = KnownShapes[kind].safeParse(body);
      if (!checked.success) {
        const where = checked.error.issues[0]?.path.join('.') || 'body';
        logger.warn(
          `ignored a ${kind} request that lacks what it needs (${where}: ${checked.error.issues[0]?.message})`,
        );
        return answer(res, 200);
      }
    }

    const retryNum = HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req);
    let admission: Admission = { admit: true };
    if (this.options.admit) {
      try {
        admission = await this.options.admit({
          signature: signed.signature,
          timestamp: signed.timestamp,
          retryNum,
          body,
        });
      } catch (error) {
        // The gate's records are a second line (the use cases re-check what they decide); a database too busy to
        // keep them must not turn every request away.
        logger.warn('the delivery records could not be checked; handling the request anyway', error);
      }
    }
    if (!admission.admit) {
      logger.info(`ignored a request: ${admission.reason}`);
      return answer(res, 200, admission.response);
    }
    await this.process(app, { req, res, buffered, body, retryNum, admission });
  }

  private async process(
    app: App,
    input: {
      req: IncomingMessage;
      res: ServerResponse;
      buffered: BufferedIncomingMessage;
      body: Record<string, unknown>;
      retryNum: number | undefined;
      admission: Extract<Admission, { admit: true }>;
    },
  ): Promise<void> {
    const { logger } = this.options;
    const { res, admission } = input;
    const responseAck = new HTTPResponseAck({
      logger,
      processBeforeResponse: false,
      httpRequest: input.buffered,
      httpRequestBody: input.body,
      httpResponse: res,
    });
    const send = responseAck.bind();
    let acknowledged = false;
    const ack = async (response?: unknown) => {
      if (acknowledged) return;
      acknowledged = true;
      try {
        await admission.onAck?.(response);
      } catch (error) {
        logger.warn('could not update the delivery record after the ack', error);
      }
      await send(response as never);
      await this.options.afterAck?.();
    };
    try {
      await app.processEvent({
        body: input.body,
        ack,
        retryNum: input.retryNum,
        retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(input.req),
      });
    } catch (error) {
      logger.error('processing a Slack request failed', error);
    }
    if (!acknowledged) {
      acknowledged = true;
      responseAck.ack();
      await admission.onUnacknowledged?.().catch((error: unknown) => logger.warn('delivery record', error));
      answer(res, 200);
    }
  }

  private verify(
    req: IncomingMessage,
    body: string,
  ): { ok: true; signature: string; timestamp: number } | { ok: false; reason: string } {
    const signature = header(req, 'x-slack-signature');
    const rawTimestamp = header(req, 'x-slack-request-timestamp');
    if (!signature || !rawTimestamp) return { ok: false, reason: 'no signature or timestamp header' };
    if (!/^\d{1,12}$/.test(rawTimestamp)) return { ok: false, reason: 'the timestamp is not a number of seconds' };
    const timestamp = Number(rawTimestamp);
    const skew = timestamp - Math.floor((this.options.now?.() ?? Date.now()) / 1000);
    if (Math.abs(skew) > SIGNATURE_WINDOW_SECONDS) {
      return { ok: false, reason: `the timestamp is ${Math.abs(skew)} s in the ${skew > 0 ? 'future' : 'past'}` };
    }
    const [version, hash] = signature.split('=', 2);
    if (version !== 'v0' || !hash || !/^[0-9a-f]{64}$/.test(hash)) {
      return { ok: false, reason: 'the signature is not a v0 signature' };
    }
    const expected = createHmac('sha256', this.options.signingSecret).update(`v0:${rawTimestamp}:${body}`).digest();
    if (!timingSafeEqual(Buffer.from(hash, 'hex'), expected))
      return { ok: false, reason: 'the signature does not match' };
    return { ok: true, signature, timestamp };
  }
}

/** As Slack sends them: a form (with the interaction JSON in `payload`) or JSON. Undefined when it does not parse. */
function parseBody(text: string, fields: ReturnType<typeof parseQuery> | undefined): unknown {
  try {
    if (fields) {
      if (typeof fields.payload === 'string') return JSON.parse(fields.payload);
      if (Array.isArray(fields.payload)) return undefined;
      return { ...fields };
    }
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'it does not parse';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
