import { randomUUID } from 'node:crypto';
import type { KnownBlock } from '@slack/types';
import { ErrorCode, type WebClient } from '@slack/web-api';
import { PostFailed } from '../../core/domain/delivery.ts';
import type { Clock, Logger, PostedMessage, PostIntent, PostIntentStore } from '../../core/ports.ts';

/** The `event_type` of the metadata on every message the bot posts; the payload's `key` names the post. */
export const POST_EVENT_TYPE = 'release_bot_post';

/** The metadata a message posted (or updated) for `key` carries; `extra` adds to its payload (a poll's version). */
export function postMetadata(key: string, extra: Record<string, string | number | boolean> = {}) {
  return { event_type: POST_EVENT_TYPE, event_payload: { ...extra, key } };
}

/**
 * How far before the intent's own time the look-up starts, on Slack's clock: the bot's clock and Slack's may differ
 * by this much.
 */
const CLOCK_SKEW_MS = 10 * 60_000;
/** How long one try holds an intent: longer than its posts and look-ups can take, short enough to take over soon. */
const CLAIM_MS = 2 * 60_000;
const DEFAULT_RETRY_DELAYS_MS = [1000, 3000];
const PAGE_SIZE = 200;
const MAX_PAGES = 25;

/**
 * Platform errors after which Slack may or may not have posted ("It's possible some aspect of the operation
 * succeeded before the error was raised"). Any other platform error is a refusal: nothing was posted.
 */
const TRANSIENT_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

export type PostRequest = {
  /** What the post is, unique for all time (`escalation:7:step:1`). Omitted: a post of this call only. */
  key?: string;
  channel: string;
  threadTs?: string | undefined;
  message: { text: string; blocks?: KnownBlock[] };
};

/** The post failed, and whether it may have landed anyway is what the caller may need to tell people. */
export type PostFailure = { kind: 'refused' | 'unknown' | 'rate_limited'; error: string };

/** Why a Web API call failed: Slack's error code (`not_in_channel`), or what went wrong on the way. */
export function describeSlackError(error: unknown): PostFailure {
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number; message?: string } | null;
  switch (e?.code) {
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      return { kind: TRANSIENT_ERRORS.has(code) ? 'unknown' : 'refused', error: code };
    }
    case ErrorCode.RateLimitedError:
      return { kind: 'rate_limited', error: 'ratelimited' };
    case ErrorCode.HTTPError:
      return { kind: 'unknown', error: `http_${e.statusCode ?? 500}` };
    case ErrorCode.RequestError:
      return { kind: 'unknown', error: 'no_answer' };
    default:
      return { kind: 'unknown', error: e?.message ?? String(error) };
  }
}

/** The channel holds more messages since the intent's time than a look-up reads. */
class TooManyToSearch extends Error {}

/** Where a try keeps its intent: the database (`PostIntentStore`), or memory for a post made by one call only. */
type Ledger = {
  claim: () => Promise<{ intent: PostIntent; claimed: boolean }>;
  posted: (message: PostedMessage) => Promise<void>;
  release: () => Promise<void>;
};

function memoryLedger(request: PostRequest, key: string, searchFrom: Date): Ledger {
  const intent: PostIntent = {
    key,
    channelId: request.channel,
    threadTs: request.threadTs ?? null,
    searchFrom,
    attempts: 0,
    claimedUntil: null,
    posted: null,
  };
  return {
    claim: async () => {
      intent.attempts += 1;
      return { intent: { ...intent }, claimed: true };
    },
    posted: async () => undefined,
    release: async () => undefined,
  };
}

function storeLedger(
  intents: PostIntentStore,
  clock: Clock,
  request: PostRequest,
  key: string,
  searchFrom: Date,
): Ledger {
  const owner = randomUUID();
  return {
    claim: () => {
      const now = clock.now();
      return intents.claim({
        key,
        channelId: request.channel,
        threadTs: request.threadTs ?? null,
        searchFrom,
        owner,
        now,
        until: new Date(now.getTime() + CLAIM_MS),
      });
    },
    posted: (message) => intents.posted(key, message, clock.now()),
    release: () => intents.release(key, owner),
  };
}

export type SlackPosterOptions = {
  client: WebClient;
  logger: Logger;
  /** The intents in the database, for posts with a key; without it (or without a key) intents live in memory. */
  intents?: PostIntentStore;
  /** The bot's clock, for claims; Slack's clock (`Date.now`) bounds the look-up. */
  clock?: Clock;
  /** Waits before looking and posting again after an answer that was lost; one entry per retry. */
  retryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
};

export type SlackPoster = {
  /**
   * Posts `message` (with `key` in its metadata) and returns where it landed; exactly once per key whenever Slack
   * answered: a key already posted returns that message, and after a takeover or a lost answer the message is
   * looked for (by its metadata) before posting again. Throws `PostFailed`: not retryable when Slack refused
   * (nothing was posted); retryable after the retries when its answer kept getting lost, on a rate limit, and while
   * another try (a replica, a timer beside a request) holds the key (`in_flight`).
   */
  post: (request: PostRequest) => Promise<PostedMessage>;
  /**
   * The message carrying `key` that was posted by other means (a command's `in_channel` answer through its
   * response_url, which tells no ts), found in the channel from `since` on Slack's clock and recorded under the key,
   * so later calls (and `post`) answer with it at once. Undefined when it cannot be found (the bot cannot read the
   * channel, or it was never posted). Throws when Slack could not be read or the key is being posted, so the caller
   * tries again later.
   */
  adopt: (request: { key: string; channel: string; since: Date }) => Promise<PostedMessage | undefined>;
};

/**
 * One place for "the post and its record are one idempotent step". A key first gets an intent in the database (or,
 * for a post of one call, in memory), claimed by one try at a time. The message carries `{ event_type:
 * POST_EVENT_TYPE, event_payload: { key } }`. A try that is not the intent's first, or that follows a lost answer
 * (HTTP 5xx, a dropped connection, a timeout, `internal_error`), first reads the channel (`conversations.history`)
 * or the thread (`conversations.replies`) from the intent's time on, with `include_all_metadata`, and adopts the
 * message carrying the key instead of posting another. Nothing retries blindly: the transport never resends a post.
 */
export function createSlackPoster(options: SlackPosterOptions): SlackPoster {
  const { client, logger } = options;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const carries = (message: { metadata?: unknown }, key: string) => {
    const metadata = message.metadata as { event_type?: unknown; event_payload?: { key?: unknown } } | undefined;
    return metadata?.event_type === POST_EVENT_TYPE && metadata.event_payload?.key === key;
  };

  /** The message an earlier try posted for the intent, if Slack has it. */
  const findPosted = async (intent: PostIntent): Promise<PostedMessage | undefined> => {
    const channel = intent.channelId;
    const oldest = (intent.searchFrom.getTime() / 1000).toFixed(6);
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const window = { channel, oldest, inclusive: true, include_all_metadata: true, limit: PAGE_SIZE };
      let result: {
        messages?: Array<{ ts?: string; metadata?: unknown }>;
        response_metadata?: { next_cursor?: string };
      };
      try {
        result = intent.threadTs
          ? await client.conversations.replies({ ...window, ts: intent.threadTs, ...(cursor ? { cursor } : {}) })
          : await client.conversations.history({ ...window, ...(cursor ? { cursor } : {}) });
      } catch (error) {
        const { error: code } = describeSlackError(error);
        // Where the bot cannot read, it cannot have posted (or the thread is gone): nothing to find.
        if (['channel_not_found', 'not_in_channel', 'thread_not_found'].includes(code)) return undefined;
        if (code === 'missing_scope') {
          logger.warn(`cannot look for an earlier post of ${intent.key} (add channels:history and groups:history)`);
          return undefined;
        }
        throw error;
      }
      const hit = result.messages?.find((m) => carries(m, intent.key));
      if (hit?.ts) return { channelId: channel, ts: hit.ts };
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) return undefined;
    }
    throw new TooManyToSearch(`too many messages in ${channel} to look for ${intent.key}; not posting it again blind`);
  };

  return {
    async post(request) {
      const key = request.key ?? `once:${randomUUID()}`;
      const searchFrom = new Date(Date.now() - CLOCK_SKEW_MS);
      const ledger =
        request.key && options.intents
          ? storeLedger(options.intents, options.clock ?? { now: () => new Date() }, request, key, searchFrom)
          : memoryLedger(request, key, searchFrom);
      let { intent, claimed } = await ledger.claim();
      if (intent.posted) return intent.posted;
      if (!claimed)
        throw new PostFailed('in_flight', true, request.channel, { notBefore: intent.claimedUntil ?? undefined });
      for (let retry = 0; ; retry += 1) {
        if (intent.attempts > 1) {
          let found: PostedMessage | undefined;
          try {
            found = await findPosted(intent);
          } catch (error) {
            // Could not look (Slack failing, too much to read): post nothing blind; the next try looks again.
            await ledger.release();
            throw new PostFailed(describeSlackError(error).error, true, request.channel, { cause: error });
          }
          if (found) {
            logger.info(`${key} was already posted (${found.channelId}/${found.ts}); not posting it again`);
            await ledger.posted(found);
            return found;
          }
        }
        let posted: PostedMessage;
        try {
          const result = await client.chat.postMessage({
            channel: request.channel,
            ...(request.threadTs ? { thread_ts: request.threadTs } : {}),
            ...request.message,
            metadata: postMetadata(key),
          });
          if (!result.ts) throw new Error(`chat.postMessage to ${request.channel} returned no ts`);
          posted = { channelId: result.channel ?? request.channel, ts: result.ts };
        } catch (error) {
          const failure = describeSlackError(error);
          if (failure.kind !== 'unknown' || retry >= delays.length) {
            // Refused: nothing was posted. Lost answers to the end: the next try looks before posting.
            await ledger.release();
            throw new PostFailed(failure.error, failure.kind !== 'refused', request.channel, { cause: error });
          }
          logger.warn(`posting ${key} in ${request.channel}: ${failure.error}; looking for it before trying again`);
          await sleep(delays[retry] ?? 0);
          ({ intent, claimed } = await ledger.claim());
          if (intent.posted) return intent.posted;
          if (!claimed) {
            throw new PostFailed('in_flight', true, request.channel, { notBefore: intent.claimedUntil ?? undefined });
          }
          continue;
        }
        await ledger.posted(posted);
        return posted;
      }
    },
    async adopt({ key, channel, since }) {
      const ledger = options.intents
        ? storeLedger(
            options.intents,
            options.clock ?? { now: () => new Date() },
            { key, channel, message: { text: '' } },
            key,
            since,
          )
        : memoryLedger({ key, channel, message: { text: '' } }, key, since);
      const { intent, claimed } = await ledger.claim();
      if (intent.posted) return intent.posted;
      // Being posted right now (the poster, elsewhere): its record lands in a moment; look again later.
      if (!claimed) throw new PostFailed('in_flight', true, channel, { notBefore: intent.claimedUntil ?? undefined });
      let found: PostedMessage | undefined;
      try {
        found = await findPosted(intent);
      } catch (error) {
        await ledger.release();
        if (error instanceof TooManyToSearch) {
          logger.warn(error.message);
          return undefined;
        }
        throw error;
      }
      if (found) await ledger.posted(found);
      else await ledger.release();
      return found;
    },
  };
}

/**
 * A post made from a request (a command's answer, a thread reply to a click): once per call, with no intent in the
 * database. A lost answer is checked against the channel before trying again, so it never posts twice either.
 */
export function postOnce(client: WebClient, logger: Logger, request: Omit<PostRequest, 'key'>): Promise<PostedMessage> {
  return createSlackPoster({ client, logger }).post(request);
}
