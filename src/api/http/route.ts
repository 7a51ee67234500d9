import type { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { ApiProblem } from '../domain/problems.ts';
import type { ApiToken } from '../domain/tokens.ts';

/** A successful answer: its status and JSON body. Problems are `ApiProblem`s. */
export type JsonAnswer = { ok: true; status: number; body: unknown };
export type Answer = JsonAnswer | ApiProblem;

export type RouteContext = {
  deps: ApiDeps;
  /** The caller's token (routes with `auth`). */
  token: ApiToken;
  /** The path's `{…}` segments, decoded. */
  params: Record<string, string>;
  /** The parsed query and body (their route's schemas). */
  query: unknown;
  body: unknown;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
};

export type ResponseSpec = { description: string; schema?: z.ZodType; problem?: boolean };

/**
 * One endpoint: how it is called (for the OpenAPI document, written from this same table) and what it does. The
 * path is written as OpenAPI writes it (`/api/v1/releases/{release}`), and the router matches it as written.
 */
export type Route = {
  method: 'GET' | 'POST';
  path: string;
  operationId: string;
  summary: string;
  description: string;
  /** Needs a bearer token (every route but the document itself). */
  auth: boolean;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, ResponseSpec>;
  handle: (ctx: RouteContext) => Promise<Answer>;
};

export function json(status: number, body: unknown): JsonAnswer {
  return { ok: true, status, body };
}
