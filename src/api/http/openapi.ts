import { z } from 'zod';
import { PROBLEM_STATUS, PROBLEM_TITLES, problemType } from '../domain/problems.ts';
import { RATE_LIMIT } from '../domain/rate-limit.ts';
import type { Route } from './route.ts';
import { ProblemJson } from './schemas.ts';

/** The largest request body the API reads (bigger ones are answered 413). */
export const BODY_LIMIT = 64 * 1024;

type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), without the `$schema` line and its own example. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, example: _example, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

/** The example a request schema carries (`.meta({ example })`), so the document and the tests use the same one. */
export function exampleOf(schema: z.ZodType): unknown {
  return (schema.meta() as { example?: unknown } | undefined)?.example;
}

function parameters(route: Route): JsonSchema[] {
  const params: JsonSchema[] = [];
  for (const [, name] of route.path.matchAll(/\{([^}]+)\}/g)) {
    params.push({
      name,
      in: 'path',
      required: true,
      description: 'A release name, or `current` for the active release of the token’s channel.',
      schema: { type: 'string' },
      example: 'current',
    });
  }
  if (route.query) {
    const query = schemaOf(route.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      const { description, ...rest } = schema;
      params.push({
        name,
        in: 'query',
        required: query.required?.includes(name) ?? false,
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  if (route.method === 'POST') {
    params.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Any unique string (a UUID) of 1 to 255 visible ASCII characters. A retry with the same key returns the ' +
        'first answer (with `Idempotency-Replayed: true`) and changes nothing; kept for 24 hours.',
      schema: { type: 'string', maxLength: 255 },
    });
  }
  return params;
}

function responses(route: Route): JsonSchema {
  const out: JsonSchema = {};
  for (const [status, spec] of Object.entries(route.responses).sort(([a], [b]) => Number(a) - Number(b))) {
    const headers =
      status === '429' || status === '503'
        ? { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } }
        : undefined;
    const content = spec.schema
      ? { 'application/json': { schema: schemaOf(spec.schema, 'output') } }
      : spec.problem
        ? { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
        : { 'application/json': { schema: { type: 'object' } } };
    out[status] = { description: spec.description, content, ...(headers ? { headers } : {}) };
  }
  return out;
}

function operation(route: Route): JsonSchema {
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    security: route.auth ? [{ bearer: [] }] : [],
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            description: `JSON, at most ${BODY_LIMIT / 1024} kB.`,
            content: { 'application/json': { schema: schemaOf(route.body, 'input'), example: exampleOf(route.body) } },
          },
        }
      : {}),
    responses: responses(route),
  };
}

/** The OpenAPI 3.1 document of `routes`, served at `GET /api/v1/openapi.json`: written from the route table. */
export function buildOpenApiDocument(routes: readonly Route[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = paths[route.path] ?? {};
    path[route.method.toLowerCase()] = operation(route);
    paths[route.path] = path;
  }
  const kinds = Object.keys(PROBLEM_STATUS) as Array<keyof typeof PROBLEM_STATUS>;
  return {
    openapi: '3.1.0',
    info: {
      title: 'release-bot pipeline API',
      version: '1.0.0',
      description:
        'CI/CD reports checks and deployments, asks the deployment gate before deploying, and raises escalations ' +
        'from alerts. Authenticate with `Authorization: Bearer rbt_…` (a token the Release Manager creates in the ' +
        `release channel with \`/release token create github-actions\`). At most ${RATE_LIMIT.requests} requests a minute ` +
        'per token. Errors are RFC 9457 problem details (`application/problem+json`). Problem types: ' +
        kinds.map((k) => `\`${problemType(k)}\` (${PROBLEM_STATUS[k]}, ${PROBLEM_TITLES[k]})`).join('; ') +
        '.',
    },
    servers: [{ url: '/', description: 'The bot itself: the same host and port as /slack/events.' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'rbt_…' } },
      schemas: { Problem: schemaOf(ProblemJson, 'output') },
    },
  };
}
