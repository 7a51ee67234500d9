import type { z } from 'zod';
import { pipelineActorId } from '../../core/domain/actors.ts';
import type { EscalationCategory, EscalationLevel } from '../../escalation/domain/levels.ts';
import type { DeploymentStatus } from '../domain/deployments.ts';
import { gateProblemKind } from '../domain/gate-answer.ts';
import { problem } from '../domain/problems.ts';
import { resolveApiRelease } from '../usecases/api-release.ts';
import { readGate } from '../usecases/gate.ts';
import { raiseAlert } from '../usecases/raise-alert.ts';
import { getReleaseView, namesOf } from '../usecases/release-view.ts';
import { reportCheck } from '../usecases/report-check.ts';
import { reportDeployment } from '../usecases/report-deployment.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { checkAnswerJson, deploymentJson, escalationJson, gateJson, releaseJson } from './present.ts';
import { json, type ResponseSpec, type Route, type RouteContext } from './route.ts';
import {
  CheckAnswerJson,
  CheckBody,
  DeploymentAnswerJson,
  DeploymentBody,
  EscalationAnswerJson,
  EscalationBody,
  GateJson,
  GateQuery,
  NoQuery,
  ReleaseJson,
} from './schemas.ts';

const RELEASE = '/api/v1/releases/{release}';

/** The problems every authenticated route may answer with. */
const COMMON: Record<number, ResponseSpec> = {
  401: { description: 'Missing, unknown or revoked token.', problem: true },
  404: { description: 'No such release in the token’s channel (another channel’s release included).', problem: true },
  429: {
    description: 'More than 60 requests in a minute with this token; `Retry-After` says when to retry.',
    problem: true,
  },
  503: { description: 'The bot is starting or restarting; retry after `Retry-After` seconds.', problem: true },
};

/** And every POST. */
const POSTED: Record<number, ResponseSpec> = {
  ...COMMON,
  400: { description: 'Not JSON, a bad query, or a malformed `Idempotency-Key`.', problem: true },
  409: {
    description: 'Conflicts with the release’s state, or the same `Idempotency-Key` is still running.',
    problem: true,
  },
  413: { description: 'The body is over 64 kB.', problem: true },
  415: { description: 'The body is not `application/json`.', problem: true },
  422: {
    description: 'A field does not validate (`errors` lists each), or the `Idempotency-Key` came with another body.',
    problem: true,
  },
};

async function release(ctx: RouteContext, activeOnly = false) {
  return resolveApiRelease(ctx.deps, ctx.token, ctx.params.release ?? '', { activeOnly });
}

const getRelease: Route = {
  method: 'GET',
  path: RELEASE,
  operationId: 'getRelease',
  summary:
    'The release: state, dates, roles, the decision in force, the gate, the checklist, open escalations, deployments.',
  description: '`{release}` is a release name, or `current` for the token’s channel’s active release.',
  auth: true,
  query: NoQuery,
  responses: { 200: { description: 'The release.', schema: ReleaseJson }, ...COMMON },
  async handle(ctx) {
    const found = await release(ctx);
    if (!found.ok) return found;
    return json(200, releaseJson(await getReleaseView(ctx.deps, found.release)));
  },
};

const getGate: Route = {
  method: 'GET',
  path: `${RELEASE}/gate`,
  operationId: 'getGate',
  summary: 'May this release deploy now? 200 open, 409 pending, 403 closed.',
  description:
    'The answer `/release ship` gets. With `wait`, a pending gate holds the request until the gate opens or ' +
    'closes (answered the moment the Release Manager decides) or the wait ends. A pipeline step: ' +
    '`curl --fail -H "Authorization: Bearer $T" "$BOT/api/v1/releases/current/gate?wait=600"`.',
  auth: true,
  query: GateQuery,
  responses: {
    200: { description: 'Open: a Go is in force and the checklist is ticked or overridden.', schema: GateJson },
    403: {
      description: 'Closed: a No-Go (or a "roll back") is in force. The body carries the gate’s fields.',
      problem: true,
    },
    409: {
      description: 'Pending: no Go yet, the Go needs re-confirmation, a poll is open or items are open.',
      problem: true,
    },
    400: { description: 'A bad `wait`.', problem: true },
    ...COMMON,
  },
  async handle(ctx) {
    const found = await release(ctx);
    if (!found.ok) return found;
    const { wait } = ctx.query as z.output<typeof GateQuery>;
    const answer = await readGate(ctx.deps, found.release, wait ?? 0, ctx.signal);
    if (!answer.ok) return answer;
    const body = gateJson(found.release.name, answer);
    const kind = gateProblemKind(answer.gate.gate);
    if (!kind) return json(200, body);
    const detail = body.reasons.map((r) => r.detail).join(' ');
    return problem(kind, `Release ${found.release.name} may not deploy now: ${detail}`, { extra: body });
  },
};

const postCheck: Route = {
  method: 'POST',
  path: `${RELEASE}/checks`,
  operationId: 'reportCheck',
  summary: 'Report a check: `passed` ticks the checklist item with its link, `failed` unticks it.',
  description:
    'Recorded as "CI (token name)". A failed check on a ticked item unticks it, posts one line in the channel and, ' +
    'after a Go, makes the Go need the Release Manager’s re-confirmation.',
  auth: true,
  body: CheckBody,
  responses: { 200: { description: 'The item as it is now.', schema: CheckAnswerJson }, ...POSTED },
  async handle(ctx) {
    const found = await release(ctx, true);
    if (!found.ok) return found;
    const check = ctx.body as z.output<typeof CheckBody>;
    const answer = await reportCheck(ctx.deps, {
      actorId: pipelineActorId(ctx.token.name),
      release: found.release,
      check,
    });
    if (!answer.ok) return answer;
    const name = await namesOf(ctx.deps, answer.item.tickedBy ? [answer.item.tickedBy] : []);
    return json(200, checkAnswerJson(found.release.name, answer.item, answer.changed, answer.gate, name));
  },
};

const postDeployment: Route = {
  method: 'POST',
  path: `${RELEASE}/deployments`,
  operationId: 'reportDeployment',
  summary: 'Report a deployment: production `started` asks the gate, `succeeded` ships, `failed`, `rolled_back`.',
  description:
    'Every report is kept with its time. A production `started` under a pending or closed gate is answered 409 ' +
    'with the reasons, and recorded and announced as a blocked attempt. `succeeded` ships the release, `failed` ' +
    'posts with a button that opens the rollback poll, `rolled_back` marks it rolled back. Other environments are ' +
    'recorded and shown, and change nothing.',
  auth: true,
  body: DeploymentBody,
  responses: {
    201: { description: 'Recorded.', schema: DeploymentAnswerJson },
    ...POSTED,
    409: {
      description: 'Refused by the deployment gate (recorded as a blocked attempt), or the release has ended.',
      problem: true,
    },
  },
  async handle(ctx) {
    const found = await release(ctx, true);
    if (!found.ok) return found;
    const body = ctx.body as z.output<typeof DeploymentBody>;
    const answer = await reportDeployment(ctx.deps, {
      actorId: pipelineActorId(ctx.token.name),
      release: found.release,
      report: { ...body, status: body.status as DeploymentStatus },
    });
    if (!answer.ok) return answer;
    const name = await namesOf(ctx.deps, []);
    return json(201, {
      release: { name: answer.release.name, status: answer.release.status },
      deployment: deploymentJson(answer.deployment, name),
      gate: answer.gate?.gate ?? null,
    });
  },
};

const postEscalation: Route = {
  method: 'POST',
  path: `${RELEASE}/escalations`,
  operationId: 'raiseEscalation',
  summary: 'Raise an escalation from an alert, exactly as `/release escalate` does.',
  description:
    'The category sets the default level; `level` overrides it. Repeats with the same `dedup_key` while the ' +
    'escalation is not resolved add "fired again ×N" to it (200) instead of a new escalation (201).',
  auth: true,
  body: EscalationBody,
  responses: {
    201: { description: 'A new escalation.', schema: EscalationAnswerJson },
    200: { description: 'The same alert fired again: the existing escalation.', schema: EscalationAnswerJson },
    ...POSTED,
  },
  async handle(ctx) {
    const found = await release(ctx, true);
    if (!found.ok) return found;
    const body = ctx.body as z.output<typeof EscalationBody>;
    const answer = await raiseAlert(ctx.deps, {
      actorId: pipelineActorId(ctx.token.name),
      release: found.release,
      alert: {
        summary: body.summary,
        category: body.category as EscalationCategory | undefined,
        level: body.level as EscalationLevel | undefined,
        source: body.source,
        dedupKey: body.dedup_key,
      },
    });
    if (!answer.ok) return answer;
    const name = await namesOf(ctx.deps, []);
    return json(answer.repeat ? 200 : 201, {
      release: found.release.name,
      escalation: escalationJson(answer.escalation, answer.fired, name),
      repeat: answer.repeat,
      missing_level: answer.missingLevel ?? null,
      delivery_problem: answer.deliveryProblem ?? null,
    });
  },
};

const getDocument: Route = {
  method: 'GET',
  path: '/api/v1/openapi.json',
  operationId: 'getOpenApiDocument',
  summary: 'This API as an OpenAPI 3.1 document.',
  description: 'Needs no token.',
  auth: false,
  query: NoQuery,
  responses: { 200: { description: 'The OpenAPI 3.1 document.' } },
  async handle() {
    return json(200, buildOpenApiDocument(ROUTES));
  },
};

/** Every endpoint of the API, in the order the document lists them. */
export const ROUTES: readonly Route[] = [getRelease, getGate, postCheck, postDeployment, postEscalation, getDocument];
