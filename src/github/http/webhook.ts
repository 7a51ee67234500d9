import type { IncomingMessage, ServerResponse } from 'node:http';
import { verify } from '@octokit/webhooks-methods';
import { createInFlight } from '../../core/in-flight.ts';
import type { Logger } from '../../core/ports.ts';
import { BodyTooLarge, readBody } from '../../platform/http/read-body.ts';
import type { GithubDeps } from '../deps.ts';
import { receiveGithubEvent, type WebhookOutcome } from '../usecases/receive-event.ts';
import { parseGithubEvent } from './schemas.ts';

export const GITHUB_PREFIX = '/github/';
export const WEBHOOK_PATH = '/github/webhook';
/** GitHub caps a payload at 25 MB; the events the bot reads are a few kB, so 1 MB is generous and cheap to refuse. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;
/** GitHub gives up on a delivery after 10 s: the answer goes out before that, and the work finishes regardless. */
export const WEBHOOK_ANSWER_MS = 9_000;

type Problem = { status: number; title: string; detail: string; kind: string; headers?: Record<string, string> };

function isProblem(result: Problem | { status: number; body: unknown }): result is Problem {
  return 'kind' in result;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function problem(status: number, kind: string, title: string, detail: string): Problem {
  return { status, kind, title, detail };
}

export type GithubWebhookOptions = {
  deps: () => GithubDeps;
  logger: Logger;
  /** `GITHUB_WEBHOOK_SECRET`; without it the endpoint does not exist (404). */
  secret: string | undefined;
  bodyLimit?: number;
  answerMs?: number;
};

/**
 * `POST /github/webhook`, on the bot's port beside `/slack/events` and the pipeline API: plumbing only. It reads at
 * most 1 MB, verifies `X-Hub-Signature-256` with `@octokit/webhooks-methods` before it parses anything, parses the
 * payload with zod, and hands the event to `receiveGithubEvent`. Errors are `application/problem+json`.
 */
export function createGithubWebhook(options: GithubWebhookOptions) {
  const limit = options.bodyLimit ?? WEBHOOK_BODY_LIMIT;
  const answerMs = options.answerMs ?? WEBHOOK_ANSWER_MS;
  let stopping = false;
  const inFlight = createInFlight();

  async function answer(req: IncomingMessage, path: string): Promise<Problem | { status: number; body: unknown }> {
    const method = (req.method ?? 'GET').toUpperCase();
    if (!options.secret || path !== WEBHOOK_PATH) {
      return problem(404, 'not-found', 'Not found', `There is no ${method} ${path}.`);
    }
    if (method !== 'POST') {
      return {
        ...problem(405, 'method-not-allowed', 'Method not allowed', `Use POST on ${WEBHOOK_PATH}.`),
        headers: { Allow: 'POST' },
      };
    }
    if (stopping) {
      return {
        ...problem(503, 'unavailable', 'The bot is restarting', 'Redeliver in a moment.'),
        headers: { 'Retry-After': '2' },
      };
    }
    let raw: string;
    try {
      raw = await readBody(req, limit);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return problem(413, 'too-large', 'Request body too large', `The payload is over ${limit / 1024 / 1024} MB.`);
      }
      throw error;
    }
    const signature = header(req, 'x-hub-signature-256');
    const valid = signature && raw ? await verify(options.secret, raw, signature).catch(() => false) : false;
    if (!valid) {
      return problem(
        401,
        'bad-signature',
        'Missing or wrong signature',
        signature
          ? 'X-Hub-Signature-256 does not match the payload: set the webhook’s secret to GITHUB_WEBHOOK_SECRET.'
          : 'X-Hub-Signature-256 is missing: give the webhook a secret (the bot’s GITHUB_WEBHOOK_SECRET).',
      );
    }
    const type = (header(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      return problem(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        'Set the webhook’s content type to application/json (Settings → Webhooks → Content type).',
      );
    }
    const name = header(req, 'x-github-event');
    const deliveryId = header(req, 'x-github-delivery');
    if (!name || !deliveryId || deliveryId.length > 100) {
      return problem(400, 'bad-request', 'Bad request', 'X-GitHub-Event and X-GitHub-Delivery are required.');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch (error) {
      return problem(400, 'bad-request', 'Bad request', `The payload is not JSON: ${(error as Error).message}.`);
    }
    if (name === 'ping' && !(payload as { repository?: unknown } | null)?.repository) {
      return {
        status: 202,
        body: {
          status: 'ignored',
          detail: 'An organization’s hook: the bot links repositories; add the hook to a linked repository.',
        },
      };
    }
    const parsed = parseGithubEvent(name, payload);
    if (!parsed) return { status: 202, body: { status: 'ignored', detail: `The bot does not act on ${name} events.` } };
    if (!parsed.ok) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'} ${i.message}`).join('; ');
      return problem(400, 'bad-request', 'Bad request', `The ${name} payload lacks what the bot reads: ${detail}.`);
    }
    const work = receiveGithubEvent(options.deps(), { deliveryId, event: parsed.event });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), answerMs);
    });
    const outcome = await Promise.race([work, late]).finally(() => clearTimeout(timer));
    if (outcome === 'late') {
      work.catch((error: unknown) =>
        options.logger.error(`github ${name} ${deliveryId} failed after its answer`, error),
      );
      return {
        status: 202,
        body: { status: 'accepted', detail: 'Still applying; the result will show in the channel.' },
      };
    }
    return { status: statusOf(outcome), body: outcome };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    let result: Problem | { status: number; body: unknown };
    try {
      result = await answer(req, url.pathname);
    } catch (error) {
      options.logger.error(`github ${req.method} ${url.pathname} failed`, error);
      result = problem(
        500,
        'internal',
        'Internal error',
        'Something went wrong in the bot; nothing was half-done. Redeliver it.',
      );
    }
    const wire = isProblem(result)
      ? {
          type: 'application/problem+json',
          headers: result.headers ?? {},
          body: {
            type: `urn:release-bot:problem:github-${result.kind}`,
            title: result.title,
            status: result.status,
            detail: result.detail,
            instance: url.pathname,
          },
        }
      : { type: 'application/json', headers: {}, body: result.body };
    if (!res.headersSent && !res.destroyed) {
      res.writeHead(result.status, {
        'Content-Type': wire.type,
        ...wire.headers,
        ...(result.status === 413 ? { Connection: 'close' } : {}),
      });
      res.end(JSON.stringify(wire.body));
    }
    req.resume();
    const delivery = header(req, 'x-github-delivery') ?? '-';
    options.logger.info(
      `github ${req.method} ${url.pathname} ${header(req, 'x-github-event') ?? '-'} ${delivery} ${result.status} ${Math.round(performance.now() - started)}ms`,
    );
  }

  return {
    route: {
      path: `${GITHUB_PREFIX}*path`,
      method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
      handler: (req: IncomingMessage, res: ServerResponse) => {
        void inFlight.track(() => handle(req, res));
      },
    },
    stop(): void {
      stopping = true;
    },
    idle: inFlight.idle,
  };
}

function statusOf(outcome: WebhookOutcome): number {
  return outcome.status === 'ignored' ? 202 : 200;
}

export type GithubWebhook = ReturnType<typeof createGithubWebhook>;
