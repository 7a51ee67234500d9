import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { createInFlight } from '../../core/in-flight.ts';
import type { Logger } from '../../core/ports.ts';
import { BodyTooLarge, readBody } from '../../platform/http/read-body.ts';
import type { ApiDeps } from '../deps.ts';
import { type StoredAnswer, whyBadIdempotencyKey } from '../domain/idempotency.ts';
import { type ApiProblem, PROBLEM_STATUS, PROBLEM_TITLES, problem, problemType } from '../domain/problems.ts';
import { admitRequest } from '../usecases/admit-request.ts';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../usecases/idempotency.ts';
import { BODY_LIMIT } from './openapi.ts';
import type { Answer, Route } from './route.ts';
import { ROUTES } from './routes.ts';
import { NoQuery } from './schemas.ts';

export const API_PREFIX = '/api/';
const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export type ApiServerOptions = {
  /** Read on each request: the dependencies exist only once the Slack app that serves the route does. */
  deps: () => ApiDeps;
  logger: Logger;
  bodyLimit?: number;
  routes?: readonly Route[];
};

/** One HTTP route of the Bolt receiver (`customRoutes`), structurally: the API needs nothing else from Bolt. */
export type HttpRoute = {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
};

function matchRoute(routes: readonly Route[], path: string) {
  const segments = path.split('/');
  const found: Array<{ route: Route; params: Record<string, string> }> = [];
  for (const route of routes) {
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      const segment = segments[i] as string;
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      if (!name) return part === segment;
      if (segment === '') return false;
      try {
        params[name] = decodeURIComponent(segment);
        return true;
      } catch {
        return false;
      }
    });
    if (matches) found.push({ route, params });
  }
  return found;
}

function issues(error: z.ZodError): Array<{ field: string; message: string }> {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message:
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : issue.message,
  }));
}

function invalid(kind: 'invalid' | 'bad_request', what: string, error: z.ZodError): ApiProblem {
  const errors = issues(error);
  const detail = errors.map((e) => `${e.field} ${e.message}`).join('; ');
  return problem(kind, `The ${what} is not valid: ${detail}.`, { extra: { errors } });
}

function problemBody(p: ApiProblem, instance: string) {
  return {
    type: problemType(p.kind),
    title: PROBLEM_TITLES[p.kind],
    status: PROBLEM_STATUS[p.kind],
    detail: p.detail,
    instance,
    ...(p.extra ?? {}),
  };
}

/** The answer as it goes on the wire (and, for an idempotent POST, as it is kept for retries). */
function serialize(answer: Answer, instance: string): StoredAnswer & { headers: Record<string, string> } {
  if (answer.ok) {
    return { status: answer.status, contentType: 'application/json', body: JSON.stringify(answer.body), headers: {} };
  }
  const headers: Record<string, string> = {};
  if (answer.retryAfterSeconds !== undefined) headers['Retry-After'] = String(answer.retryAfterSeconds);
  if (answer.kind === 'unauthorized') headers['WWW-Authenticate'] = 'Bearer realm="release-bot"';
  if (answer.kind === 'method_not_allowed' && typeof answer.extra?.allow === 'string')
    headers.Allow = answer.extra.allow;
  return {
    status: PROBLEM_STATUS[answer.kind],
    contentType: 'application/problem+json',
    body: JSON.stringify(problemBody(answer, instance)),
    headers,
  };
}

/**
 * The pipeline API over HTTP, on the bot's own port beside `/slack/events` and `/healthz`. This file is plumbing
 * only: it routes, reads and limits the body, parses it with the route's zod schema, and writes answers and problem
 * details. Who is asking, the rate limit, idempotency and everything a request does are use cases.
 *
 * Every request is logged with its token's name (never the secret): method, path, status, token, time taken.
 */
export function createApiServer(options: ApiServerOptions) {
  const routes = options.routes ?? ROUTES;
  const limit = options.bodyLimit ?? BODY_LIMIT;
  let stopping = false;
  const inFlight = createInFlight();

  async function answer(
    req: IncomingMessage,
    url: URL,
    signal: AbortSignal,
    seen: { token?: string; replayed?: boolean },
  ) {
    const method = (req.method ?? 'GET').toUpperCase();
    const unavailable = () =>
      problem('unavailable', 'The bot is restarting. Retry in a moment.', { retryAfterSeconds: 2 });
    if (stopping) return unavailable();
    const candidates = matchRoute(routes, url.pathname);
    const match = candidates.find((c) => c.route.method === method);
    if (!match) {
      if (candidates.length > 0) {
        const allow = [...new Set(candidates.map((c) => c.route.method))].join(', ');
        return problem('method_not_allowed', `${method} is not allowed on ${url.pathname}; use ${allow}.`, {
          extra: { allow },
        });
      }
      return problem(
        'not_found',
        `There is no ${method} ${url.pathname}. The endpoints are listed at /api/v1/openapi.json.`,
      );
    }
    const { route, params } = match;
    const deps = options.deps();
    let token: Parameters<Route['handle']>[0]['token'] | undefined;
    if (route.auth) {
      const admitted = await admitRequest(deps, { authorization: req.headers.authorization });
      if (!admitted.ok) return admitted;
      token = admitted.token;
      seen.token = token.name;
    }
    const query = (route.query ?? NoQuery).safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) return invalid('bad_request', 'query', query.error);
    let body: unknown;
    let raw = '';
    if (route.body) {
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') {
        return problem('unsupported_media_type', 'Send the body as JSON with `Content-Type: application/json`.');
      }
      try {
        raw = await readBody(req, limit);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          return problem('too_large', `The body is over ${limit / 1024} kB; send at most ${limit / 1024} kB.`);
        }
        throw error;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch (error) {
        return problem(
          'bad_request',
          `The body is not JSON: ${error instanceof Error ? error.message : String(error)}.`,
        );
      }
      const valid = route.body.safeParse(parsed);
      if (!valid.success) return invalid('invalid', 'body', valid.error);
      body = valid.data;
    }
    const run = () =>
      route.handle({ deps, token: token as NonNullable<typeof token>, params, query: query.data, body, signal });
    const key = req.headers['idempotency-key'];
    if (route.method !== 'POST' || key === undefined || !token) return run();
    const keyText = Array.isArray(key) ? key.join(',') : key;
    const badKey = whyBadIdempotencyKey(keyText);
    if (badKey) return problem('bad_request', badKey);
    const ref = { tokenId: token.id, key: keyText };
    const fingerprint = deps.tokenSecrets.hash(`${method} ${url.pathname}\n${raw}`);
    const claimed = await claimIdempotencyKey(deps, { ...ref, fingerprint });
    switch (claimed.kind) {
      case 'replay':
        seen.replayed = true;
        return claimed.answer;
      case 'in_progress':
        return problem(
          'idempotency_in_progress',
          'The first request with this Idempotency-Key is still running; retry in a moment for its answer.',
          { retryAfterSeconds: 1 },
        );
      case 'mismatch':
        return problem(
          'idempotency_mismatch',
          'This Idempotency-Key was used for a different request (another path or body). Use a new key for a new request.',
        );
      case 'proceed':
        break;
    }
    try {
      const result = await run();
      const wire = serialize(result, url.pathname);
      if (wire.status >= 500) await releaseIdempotencyKey(deps, ref);
      else await completeIdempotencyKey(deps, { ...ref, answer: wire });
      return result;
    } catch (error) {
      await releaseIdempotencyKey(deps, ref).catch(() => undefined);
      throw error;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) controller.abort();
    });
    const seen: { token?: string; replayed?: boolean } = {};
    let wire: StoredAnswer & { headers?: Record<string, string> };
    try {
      const result = await answer(req, url, controller.signal, seen);
      wire = 'status' in result && 'contentType' in result ? result : serialize(result, url.pathname);
    } catch (error) {
      options.logger.error(`api ${req.method} ${url.pathname} failed`, error);
      wire = serialize(
        problem('internal', 'Something went wrong in the bot; nothing was half-done. Retry the request.'),
        url.pathname,
      );
    }
    const headers: Record<string, string> = { 'Content-Type': wire.contentType, ...(wire.headers ?? {}) };
    if (seen.replayed) headers['Idempotency-Replayed'] = 'true';
    if (wire.status === 413) headers.Connection = 'close';
    if (!res.headersSent && !res.destroyed) {
      res.writeHead(wire.status, headers);
      res.end(wire.body);
    }
    // A body the API did not read (413, 415, 401) is drained, so the client reads the answer instead of a reset.
    req.resume();
    const ms = Math.round(performance.now() - started);
    options.logger.info(
      `api ${req.method} ${url.pathname}${url.search} ${wire.status} token=${seen.token ?? '-'}${seen.replayed ? ' (replayed)' : ''} ${ms}ms`,
    );
  }

  return {
    route: {
      path: `${API_PREFIX}*path`,
      method: ALL_METHODS,
      handler: (req, res) => {
        void inFlight.track(() => handle(req, res));
      },
    } satisfies HttpRoute,
    /** New requests are answered 503 from now on (the bot is stopping). */
    stop(): void {
      stopping = true;
    },
    /** Resolves once no API request is running (or after `timeoutMs`). */
    idle: inFlight.idle,
  };
}

export type ApiServer = ReturnType<typeof createApiServer>;
