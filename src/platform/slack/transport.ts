import type { FetchFunction } from '@slack/web-api';
import type { Logger } from '../../core/ports.ts';
import { createChannelPacer } from './channel-pacer.ts';
import { createHttpFetch } from './http-fetch.ts';

/**
 * Methods whose request may not be sent twice: a second `chat.postMessage` is a second message. They are never
 * resent after an answer that was lost (a 5xx, a dropped connection, a timeout), because Slack may have acted on the
 * first; the poster (`post-once.ts`) looks for the message first. A 429 is resent: Slack did nothing with it.
 */
export const NOT_IDEMPOTENT: ReadonlySet<string> = new Set([
  'chat.postMessage',
  'chat.postEphemeral',
  'chat.scheduleMessage',
  'chat.meMessage',
  'files.completeUploadExternal',
]);

export type SlackTransportOptions = {
  /** The Web API's base URL, e.g. `https://slack.com/api/`; other URLs (response_url, uploads) only get the timeout. */
  apiUrl: string;
  /** How long one HTTP request may take before it is given up. */
  timeoutMs: number;
  /** Least time between two `chat.postMessage` calls to one channel (Slack allows about one per second). */
  postIntervalMs: number;
  logger: Logger;
  /** Waits before resending an idempotent call whose answer was lost; one entry per retry. */
  retryDelaysMs?: readonly number[];
  /** Longest a call waits out 429s in all before the 429 is handed to the caller. */
  maxRateLimitWaitMs?: number;
  fetch?: FetchFunction;
  sleep?: (ms: number) => Promise<void>;
};

type FetchRequestInit = NonNullable<Parameters<FetchFunction>[1]>;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;

const DEFAULT_RETRY_DELAYS_MS = [1000, 3000];
const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 120_000;

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One field of a form body, found without decoding the rest: a `chat.update` body is mostly its blocks, URL-encoded,
 * and parsing all of it to learn the channel cost more than the lookup it serves.
 */
function formField(body: string, name: string): string | undefined {
  const key = `${name}=`;
  for (let at = 0; at < body.length; ) {
    const end = body.indexOf('&', at);
    const stop = end === -1 ? body.length : end;
    if (body.startsWith(key, at)) {
      try {
        return decodeURIComponent(body.slice(at + key.length, stop).replaceAll('+', ' '));
      } catch {
        return undefined;
      }
    }
    at = stop + 1;
  }
  return undefined;
}

/** The channel a Web API call is about, from its form (or JSON) body. */
function channelOf(body: FetchRequestInit['body']): string | undefined {
  if (typeof body === 'string') {
    if (body.startsWith('{')) {
      try {
        const parsed = JSON.parse(body) as { channel?: unknown };
        return typeof parsed.channel === 'string' ? parsed.channel : undefined;
      } catch {
        return undefined;
      }
    }
    return formField(body, 'channel');
  }
  const value = body?.get('channel');
  return typeof value === 'string' ? value : undefined;
}

function retryAfterMs(response: FetchResponse): number | undefined {
  const seconds = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
  return Number.isNaN(seconds) ? undefined : Math.max(0, seconds) * 1000;
}

class SlackTimeout extends Error {
  override readonly name = 'SlackTimeout';
}

/** The response, with `clear` called once its body has been read (or failed to be): the timeout covers the body too. */
function clearWhenRead(response: FetchResponse, clear: () => void): FetchResponse {
  const read =
    <T>(body: () => Promise<T>) =>
    () =>
      body().finally(clear);
  return {
    ok: response.ok,
    status: response.status,
    statusText: response.statusText,
    url: response.url,
    headers: response.headers,
    arrayBuffer: read(() => response.arrayBuffer()),
    json: read(() => response.json()),
    text: read(() => response.text()),
  };
}

/**
 * The HTTP layer under `@slack/web-api` (its `fetch` option), so every client Bolt makes goes through it:
 *
 * - **Lanes.** A call belongs to the lane of its method and channel (`chat.update C123`), or of its method alone. A
 *   429 pauses its own lane for `Retry-After`, and the call is sent again after it; calls in other lanes go on. The
 *   client is built with `rejectRateLimitedCalls`, so a 429 never pauses the client's whole queue. (Slack does not
 *   say which of its limits a 429 hit; we never pause everything on one.)
 * - **Pacing.** `chat.postMessage` to one channel is spaced `postIntervalMs` apart, in call order.
 * - **Timeout.** Each HTTP request is given up after `timeoutMs`, to the Web API or not (response URLs, uploads).
 * - **Retries.** An idempotent call whose answer was lost (a 5xx, a network error, a timeout) is sent again after a
 *   short back-off. A call in `NOT_IDEMPOTENT` is not: its error goes to the caller, which decides.
 */
export function createSlackTransport(options: SlackTransportOptions): { fetch: FetchFunction } {
  const base = options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`;
  const send = options.fetch ?? createHttpFetch().fetch;
  const sleep = options.sleep ?? sleepFor;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
  const pacer = createChannelPacer(options.postIntervalMs);
  const pausedUntil = new Map<string, number>();

  const waitForLane = async (lane: string) => {
    for (;;) {
      const until = pausedUntil.get(lane);
      if (until === undefined) return;
      const wait = until - Date.now();
      if (wait <= 0) {
        pausedUntil.delete(lane);
        return;
      }
      await sleep(wait);
    }
  };

  /**
   * One request, given `timeoutMs` to answer, its body included. The timer is cleared once the answer is read:
   * `AbortSignal.timeout` cannot be, so it went off for every call long after Slack had answered, and building its
   * abort (a DOMException, an event) each time was a tenth of a millisecond of every vote click.
   */
  const once = async (method: string, url: string | URL, init: FetchRequestInit | undefined) => {
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException(`timed out after ${options.timeoutMs} ms`, 'TimeoutError')),
      options.timeoutMs,
    );
    // Like AbortSignal.timeout's: a call left unread does not keep the process alive.
    timer.unref();
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout.signal]) : timeout.signal;
    try {
      return clearWhenRead(await send(url, { ...init, signal }), () => clearTimeout(timer));
    } catch (error) {
      clearTimeout(timer);
      if (timeout.signal.aborted)
        throw new SlackTimeout(`Slack did not answer ${method} within ${options.timeoutMs} ms`);
      throw error;
    }
  };

  const call = async (method: string, lane: string, url: string | URL, init: FetchRequestInit | undefined) => {
    const resend = !NOT_IDEMPOTENT.has(method);
    let waitedMs = 0;
    for (let failures = 0; ; ) {
      await waitForLane(lane);
      let response: FetchResponse;
      try {
        response = await once(method, url, init);
      } catch (error) {
        if (!resend || failures >= delays.length) throw error;
        options.logger.warn(`${method}: ${error instanceof Error ? error.message : String(error)}; trying again`);
        await sleep(delays[failures] ?? 0);
        failures += 1;
        continue;
      }
      if (response.status === 429) {
        const wait = retryAfterMs(response);
        if (wait === undefined || waitedMs + wait > maxRateLimitWaitMs) return response;
        await response.arrayBuffer().catch(() => undefined);
        pausedUntil.set(lane, Math.max(pausedUntil.get(lane) ?? 0, Date.now() + wait));
        options.logger.info(`Slack rate-limited ${lane}; waiting ${wait / 1000} s (other calls go on)`);
        waitedMs += wait;
        continue;
      }
      if (response.status >= 500 && resend && failures < delays.length) {
        await response.arrayBuffer().catch(() => undefined);
        options.logger.warn(`${method}: HTTP ${response.status} from Slack; trying again`);
        await sleep(delays[failures] ?? 0);
        failures += 1;
        continue;
      }
      return response;
    }
  };

  const fetch: FetchFunction = (url, init) => {
    const href = String(url);
    // A response_url or a file upload: no lanes or retries (a second answer would be a second message), the timeout.
    if (!href.startsWith(base)) return once(new URL(href).pathname, url, init);
    const method = href.slice(base.length).split(/[?#]/)[0] ?? '';
    const channel = channelOf(init?.body);
    const lane = channel ? `${method} ${channel}` : method;
    if (method === 'chat.postMessage' && channel) return pacer.run(channel, () => call(method, lane, url, init));
    return call(method, lane, url, init);
  };
  return { fetch };
}
