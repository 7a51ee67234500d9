import { z } from 'zod';
import { whyNotWebLink } from '../../core/domain/links.ts';
import { RELEASE_STATUSES } from '../../core/domain/release.ts';
import { ROLES } from '../../core/domain/roles.ts';
import { CATEGORY_KEYS } from '../../escalation/domain/levels.ts';
import { MAX_DEDUP_KEY, MAX_SUMMARY } from '../../escalation/index.ts';
import { GATE_STATES } from '../../gate/domain/gate.ts';
import { CHECKLIST_KEYS } from '../../governance/domain/checklist.ts';
import { DEPLOYMENT_OUTCOMES, DEPLOYMENT_STATUSES, ENVIRONMENT_PATTERN, MAX_VERSION } from '../domain/deployments.ts';
import { MAX_WAIT_SECONDS } from '../usecases/gate.ts';

/**
 * Every input the API takes, as zod schemas (the request is refused with 422 and each field's problem when one does
 * not parse), and every answer it gives, documented in the OpenAPI document from the same schemas.
 */

const webLink = z
  .string({ error: 'must be a web link (a string)' })
  .trim()
  .superRefine((url, ctx) => {
    const why = whyNotWebLink(url);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  })
  .meta({ format: 'uri', description: 'An http(s) link people can open, at most 1000 characters.' });

const freeText = (max: number, what: string) =>
  z
    .string({ error: `must be text: ${what}` })
    .trim()
    .min(1, { error: `must not be empty: ${what}` })
    .max(max, { error: `is at most ${max} characters` });

export const CHECK_STATUSES = ['passed', 'failed'] as const;

export const CheckBody = z
  .strictObject({
    item: z.enum(CHECKLIST_KEYS as [string, ...string[]], {
      error: `must be a checklist key: ${CHECKLIST_KEYS.join(', ')}`,
    }),
    status: z.enum(CHECK_STATUSES, { error: 'must be "passed" or "failed"' }),
    url: webLink,
    summary: freeText(500, 'one line on what the check found').optional(),
  })
  .meta({
    description:
      'A check a pipeline ran: `passed` ticks the checklist item with the link as evidence, `failed` unticks it.',
    example: {
      item: 'tests_passing',
      status: 'passed',
      url: 'https://ci.example.com/acme/shop/runs/4211',
      summary: '1,204 tests passed',
    },
  });

export const DeploymentBody = z
  .strictObject({
    environment: z
      .string({ error: 'must be text, such as "production" or "staging"' })
      .trim()
      .toLowerCase()
      .regex(ENVIRONMENT_PATTERN, {
        error: 'must be 1 to 40 lowercase letters, digits, ".", "_" or "-", such as "production" or "staging"',
      }),
    status: z.enum(DEPLOYMENT_STATUSES, { error: `must be one of ${DEPLOYMENT_STATUSES.join(', ')}` }),
    version: freeText(MAX_VERSION, 'the version deployed, such as v2.4.0').optional(),
    url: webLink.optional(),
  })
  .meta({
    description:
      'A deployment event. Only `production` moves the release: `started` asks the gate, `succeeded` ships, ' +
      '`failed` offers the rollback poll, `rolled_back` marks it rolled back. Other environments are recorded and shown.',
    example: {
      environment: 'production',
      status: 'started',
      version: 'v2.4.0',
      url: 'https://ci.example.com/acme/shop/deploys/77',
    },
  });

export const EscalationBody = z
  .strictObject({
    summary: freeText(MAX_SUMMARY, 'what is wrong'),
    category: z
      .enum(CATEGORY_KEYS as [string, ...string[]], {
        error: `must be one of ${CATEGORY_KEYS.join(', ')}`,
      })
      .optional(),
    level: z
      .number({ error: 'must be 1, 2 or 3' })
      .int({ error: 'must be 1, 2 or 3' })
      .min(1, { error: 'must be 1, 2 or 3' })
      .max(3, { error: 'must be 1, 2 or 3' })
      .optional(),
    source: webLink.optional(),
    dedup_key: freeText(MAX_DEDUP_KEY, 'the alert’s identity, the same each time it fires').optional(),
  })
  .meta({
    description:
      'An alert. Raises an escalation as `/release escalate` does; repeats with the same `dedup_key` while it is ' +
      'open add "fired again ×N" to it instead.',
    example: {
      summary: 'Checkout error rate above 5% for 10 minutes',
      category: 'outage',
      level: 3,
      source: 'https://grafana.example.com/d/checkout?viewPanel=4',
      dedup_key: 'checkout-error-rate',
    },
  });

export const GateQuery = z.strictObject({
  wait: z.coerce
    .number({ error: `must be a number of seconds from 0 to ${MAX_WAIT_SECONDS}` })
    .int({ error: `must be a whole number of seconds from 0 to ${MAX_WAIT_SECONDS}` })
    .min(0, { error: `must be from 0 to ${MAX_WAIT_SECONDS} seconds` })
    .max(MAX_WAIT_SECONDS, { error: `must be at most ${MAX_WAIT_SECONDS} seconds` })
    .optional()
    .meta({
      description: `Hold the request up to this many seconds (≤ ${MAX_WAIT_SECONDS}) while the gate is pending.`,
    }),
});

export const NoQuery = z.strictObject({});

// ── Answers ────────────────────────────────────────────────────────────────────────────────────────────────────

const instant = z.string().meta({ format: 'date-time' });
const Actor = z.object({ id: z.string(), name: z.string() }).meta({
  description: 'A person (Slack id and name) or a pipeline (`ci:` and the token’s name, named "CI (token name)").',
});

const GateReasonJson = z.object({
  code: z.enum(['no_go_yet', 'no_go', 'roll_back', 'poll_open', 'needs_reconfirmation', 'open_items']),
  detail: z.string(),
  items: z.array(z.string()).optional(),
});

const DecisionJson = z.object({ decided_by: Actor, decided_at: instant, rationale: z.string().nullable() });

export const GateJson = z.object({
  release: z.string(),
  gate: z.enum(GATE_STATES),
  reasons: z.array(GateReasonJson),
  go: DecisionJson.nullable(),
  confirmation: DecisionJson.nullable(),
  waited: z.enum(['now', 'changed', 'timeout']),
});

export const DeploymentJson = z.object({
  id: z.number().int(),
  environment: z.string(),
  status: z.enum(DEPLOYMENT_STATUSES),
  version: z.string().nullable(),
  url: z.string().nullable(),
  reported_by: Actor,
  at: instant,
  outcome: z.enum(DEPLOYMENT_OUTCOMES),
  blocked_by: z.array(z.string()).nullable(),
});

const ChecklistItemJson = z.object({
  key: z.string(),
  label: z.string(),
  owner: z.enum(ROLES),
  ticked: z.boolean(),
  ticked_by: Actor.nullable(),
  ticked_at: instant.nullable(),
  evidence_url: z.string().nullable(),
  overridden: z.boolean(),
});

const EscalationJson = z.object({
  id: z.number().int(),
  level: z.number().int(),
  status: z.enum(['open', 'acknowledged', 'resolved', 'expired']),
  category: z.string().nullable(),
  summary: z.string(),
  raised_by: Actor,
  raised_at: instant,
  fired: z.number().int().meta({ description: 'Times its alert fired (1 for an escalation raised once).' }),
});

export const ReleaseJson = z.object({
  name: z.string(),
  status: z.enum(RELEASE_STATUSES),
  channel_id: z.string(),
  target_date: z.string(),
  window: z.object({ start: z.string(), end: z.string() }).nullable(),
  time_zone: z.string(),
  shipped_at: instant.nullable(),
  ended_at: instant.nullable(),
  roles: z.array(z.object({ role: z.enum(ROLES), label: z.string(), holders: z.array(Actor) })),
  decision: z
    .object({ outcome: z.enum(['go', 'no_go', 'roll_back']), decided_by: Actor, decided_at: instant })
    .nullable()
    .meta({ description: 'The decision in force for the gate: the latest Go or No-Go, or a later "roll back".' }),
  gate: z.object({ state: z.enum(GATE_STATES), reasons: z.array(GateReasonJson) }),
  checklist: z.array(ChecklistItemJson),
  escalations: z.array(EscalationJson).meta({ description: 'The open (not resolved) escalations, oldest first.' }),
  deployments: z.array(DeploymentJson).meta({ description: 'Every reported deployment, oldest first.' }),
});

export const CheckAnswerJson = z.object({
  release: z.string(),
  item: ChecklistItemJson,
  changed: z.boolean(),
  gate: z.enum(GATE_STATES),
});

export const DeploymentAnswerJson = z.object({
  release: z.object({ name: z.string(), status: z.enum(RELEASE_STATUSES) }),
  deployment: DeploymentJson,
  gate: z.enum(GATE_STATES).nullable(),
});

export const EscalationAnswerJson = z.object({
  release: z.string(),
  escalation: EscalationJson,
  repeat: z.boolean(),
  missing_level: z.number().int().nullable(),
  delivery_problem: z.string().nullable(),
});

export const ProblemJson = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ description: 'RFC 9457 problem details; some carry extension members (`gate`, `errors`, …).' });
