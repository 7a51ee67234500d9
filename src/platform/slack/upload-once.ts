import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { PostFailed } from '../../core/domain/delivery.ts';
import type { Clock, Logger, PostedMessage, PostIntentStore } from '../../core/ports.ts';
import { describeSlackError } from './post-once.ts';

export type UploadFile = { filename: string; title: string; altText: string; content: Buffer };

export type UploadRequest = {
  /** What the upload is, unique for all time (`risk-report:7:2026-12-07:charts`). Omitted: this call's only. */
  key?: string;
  channel: string;
  threadTs?: string | undefined;
  /** Unique file names: a later try recognises an earlier one's share by them. */
  files: UploadFile[];
  initialComment?: string;
};

export type SlackUploader = {
  /**
   * Uploads the files (`files.uploadV2`: getUploadURLExternal, the upload, completeUploadExternal) and shares them in
   * the channel or thread, once per key: a key already done returns at once, and a try after an earlier one that may
   * have shared them first looks for a message carrying those file names. Throws `PostFailed` like the poster.
   */
  upload: (request: UploadRequest) => Promise<PostedMessage>;
};

const CLAIM_MS = 2 * 60_000;
const CLOCK_SKEW_MS = 10 * 60_000;
const PAGE_SIZE = 200;
const MAX_PAGES = 25;

/**
 * The uploads' counterpart of the poster (post-once.ts), on the same intents table: an intent per key, claimed by one
 * try at a time. A share message carries no metadata, so an earlier try's share is found by its files' names.
 */
export function createSlackUploader(options: {
  client: WebClient;
  logger: Logger;
  intents?: PostIntentStore;
  clock?: Clock;
}): SlackUploader {
  const { client, logger } = options;
  const clock = options.clock ?? { now: () => new Date() };

  const findShared = async (request: UploadRequest, from: Date): Promise<PostedMessage | undefined> => {
    const names = new Set(request.files.map((f) => f.filename));
    const oldest = (from.getTime() / 1000).toFixed(6);
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const window = {
        channel: request.channel,
        oldest,
        inclusive: true,
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      };
      const result = (
        request.threadTs
          ? await client.conversations.replies({ ...window, ts: request.threadTs })
          : await client.conversations.history(window)
      ) as {
        messages?: Array<{ ts?: string; files?: Array<{ name?: string }> }>;
        response_metadata?: { next_cursor?: string };
      };
      const hit = result.messages?.find((m) => m.files?.some((f) => f.name !== undefined && names.has(f.name)));
      if (hit?.ts) return { channelId: request.channel, ts: hit.ts };
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) return undefined;
    }
    throw new Error(`too many messages in ${request.channel} to look for an earlier upload; not uploading blind`);
  };

  return {
    async upload(request) {
      const key = request.key ?? `upload:${randomUUID()}`;
      const owner = randomUUID();
      const now = clock.now();
      const durable = request.key !== undefined && options.intents !== undefined;
      const claim = durable
        ? await options.intents!.claim({
            key,
            channelId: request.channel,
            threadTs: request.threadTs ?? null,
            searchFrom: new Date(Date.now() - CLOCK_SKEW_MS),
            owner,
            now,
            until: new Date(now.getTime() + CLAIM_MS),
          })
        : undefined;
      if (claim?.intent.posted) return claim.intent.posted;
      if (claim && !claim.claimed) {
        throw new PostFailed('in_flight', true, request.channel, { notBefore: claim.intent.claimedUntil ?? undefined });
      }
      const release = async () => {
        if (durable) await options.intents!.release(key, owner);
      };
      const done = async (message: PostedMessage) => {
        if (durable) await options.intents!.posted(key, message, clock.now());
        return message;
      };
      if (claim && claim.intent.attempts > 1) {
        let found: PostedMessage | undefined;
        try {
          found = await findShared(request, claim.intent.searchFrom);
        } catch (error) {
          await release();
          throw new PostFailed(describeSlackError(error).error, true, request.channel, { cause: error });
        }
        if (found) {
          logger.info(`${key} was already uploaded (${found.channelId}/${found.ts}); not uploading it again`);
          return done(found);
        }
      }
      try {
        await client.files.uploadV2({
          channel_id: request.channel,
          ...(request.threadTs ? { thread_ts: request.threadTs } : {}),
          ...(request.initialComment ? { initial_comment: request.initialComment } : {}),
          file_uploads: request.files.map((f) => ({
            file: f.content,
            filename: f.filename,
            title: f.title,
            alt_text: f.altText,
          })),
        });
      } catch (error) {
        const failure = describeSlackError(error);
        await release();
        throw new PostFailed(failure.error, failure.kind !== 'refused', request.channel, { cause: error });
      }
      // The share's own ts is not in the answer (Slack adds `shares` later): the thread it went to stands for it.
      return done({ channelId: request.channel, ts: request.threadTs ?? '' });
    },
  };
}
