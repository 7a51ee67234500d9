import { Validator } from '@seriousme/openapi-schema-validator';
import { expect, test } from 'vitest';
import { buildOpenApiDocument, exampleOf } from '../../../src/api/http/openapi.ts';
import { ROUTES } from '../../../src/api/http/routes.ts';
import { callApi } from '../../helpers/api.ts';
import { startTestBot } from '../../helpers/e2e.ts';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; parameters: Array<{ name: string; in: string }> }>>;
};

const doc = buildOpenApiDocument(ROUTES) as unknown as Doc;

test('the document is valid OpenAPI 3.1 (checked against the specification’s own JSON Schema)', async () => {
  expect(doc.openapi).toBe('3.1.0');
  const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
});

test('every route is in the document and every operation in the document is a route', () => {
  const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
  );
  const routed = ROUTES.map((r) => `${r.method} ${r.path}`);
  expect(documented.sort()).toEqual(routed.sort());
  expect(new Set(ROUTES.map((r) => r.operationId)).size).toBe(ROUTES.length);
  for (const route of ROUTES) {
    const op = doc.paths[route.path]?.[route.method.toLowerCase()];
    const pathParams = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    expect(op?.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(pathParams);
    if (route.method === 'POST') expect(op?.parameters.map((p) => p.name)).toContain('Idempotency-Key');
  }
});

test('each request body’s example parses with the very schema the route validates with', () => {
  const withBodies = ROUTES.filter((r) => r.body);
  expect(withBodies.map((r) => r.operationId)).toEqual(['reportCheck', 'reportDeployment', 'raiseEscalation']);
  for (const route of withBodies) {
    const example = exampleOf(route.body as NonNullable<typeof route.body>);
    expect(example, route.operationId).toBeDefined();
    expect(route.body?.safeParse(example).success, route.operationId).toBe(true);
  }
});

test('the bot serves the same document, and answers every documented operation (401 without a token, not 404)', async () => {
  const t = await startTestBot();
  const served = await callApi(t, 'GET', '/api/v1/openapi.json');
  expect(served.status).toBe(200);
  expect(served.body).toEqual(JSON.parse(JSON.stringify(doc)));
  for (const route of ROUTES) {
    const path = route.path.replace('{release}', 'current');
    const answer = await callApi(t, route.method, path, route.body ? { body: exampleOf(route.body) } : {});
    expect(answer.status, `${route.method} ${path}`).toBe(route.auth ? 401 : 200);
  }
});
