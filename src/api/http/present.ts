import type { z } from 'zod';
import { ROLE_LABELS, ROLES } from '../../core/domain/roles.ts';
import type { Escalation } from '../../escalation/domain/escalation.ts';
import type { DecisionRef } from '../../gate/domain/gate.ts';
import type { DeploymentGate } from '../../gate/index.ts';
import type { ChecklistItem } from '../../governance/domain/checklist.ts';
import type { ChecklistGateResult } from '../../governance/index.ts';
import type { Deployment } from '../domain/deployments.ts';
import { gateReasonText, type NameOf } from '../domain/gate-answer.ts';
import type { GateAnswer } from '../usecases/gate.ts';
import type { ReleaseView } from '../usecases/release-view.ts';
import type { CheckAnswerJson, DeploymentJson, GateJson, ReleaseJson } from './schemas.ts';

/** The JSON the API answers with: snake_case, instants in ISO 8601 UTC, every person with their id and name. */

const actor = (id: string, name: NameOf) => ({ id, name: name(id) });

function decision(d: DecisionRef | null, name: NameOf) {
  return d
    ? { decided_by: actor(d.decidedBy, name), decided_at: d.decidedAt.toISOString(), rationale: d.rationale }
    : null;
}

function reasons(gate: DeploymentGate, name: NameOf) {
  return gate.reasons.map((r) => ({
    code: r.code,
    detail: gateReasonText(r, name),
    ...(r.code === 'open_items' ? { items: r.items.map((i) => i.key) } : {}),
  }));
}

export function gateJson(release: string, answer: GateAnswer): z.input<typeof GateJson> {
  return {
    release,
    gate: answer.gate.gate,
    reasons: reasons(answer.gate, answer.name),
    go: decision(answer.gate.go, answer.name),
    confirmation: decision(answer.gate.confirmation, answer.name),
    waited: answer.ended,
  };
}

export function deploymentJson(d: Deployment, name: NameOf): z.input<typeof DeploymentJson> {
  return {
    id: d.id,
    environment: d.environment,
    status: d.status,
    version: d.version,
    url: d.url,
    reported_by: actor(d.reportedBy, name),
    at: d.at.toISOString(),
    outcome: d.outcome,
    blocked_by: d.blockedBy,
  };
}

export function checklistItemJson(item: ChecklistItem, gate: ChecklistGateResult | undefined, name: NameOf) {
  return {
    key: item.key,
    label: item.label,
    owner: item.owner,
    ticked: item.tickedAt !== null,
    ticked_by: item.tickedBy ? actor(item.tickedBy, name) : null,
    ticked_at: item.tickedAt?.toISOString() ?? null,
    evidence_url: item.evidenceUrl,
    overridden: gate?.overridden[item.key] !== undefined,
  };
}

export function escalationJson(e: Escalation, fired: number, name: NameOf) {
  return {
    id: e.id,
    level: e.level,
    status: e.status,
    category: e.category,
    summary: e.summary,
    raised_by: actor(e.raisedBy, name),
    raised_at: e.raisedAt.toISOString(),
    fired,
  };
}

function governing(gate: DeploymentGate, name: NameOf) {
  if (gate.go)
    return {
      outcome: 'go' as const,
      decided_by: actor(gate.go.decidedBy, name),
      decided_at: gate.go.decidedAt.toISOString(),
    };
  for (const r of gate.reasons) {
    if (r.code === 'no_go' || r.code === 'roll_back') {
      return {
        outcome: r.code,
        decided_by: actor(r.decision.decidedBy, name),
        decided_at: r.decision.decidedAt.toISOString(),
      };
    }
  }
  return null;
}

export function releaseJson(view: ReleaseView): z.input<typeof ReleaseJson> {
  const { release, name } = view;
  return {
    name: release.name,
    status: release.status,
    channel_id: release.channelId,
    target_date: release.targetDate,
    window: release.windowStart && release.windowEnd ? { start: release.windowStart, end: release.windowEnd } : null,
    time_zone: release.timeZone,
    shipped_at: release.shippedAt?.toISOString() ?? null,
    ended_at: release.endedAt?.toISOString() ?? null,
    roles: ROLES.map((role) => ({
      role,
      label: ROLE_LABELS[role],
      holders: view.assignments.filter((a) => a.role === role).map((a) => actor(a.userId, name)),
    })),
    decision: governing(view.gate, name),
    gate: { state: view.gate.gate, reasons: reasons(view.gate, name) },
    checklist: view.checklist.items.map((item) => checklistItemJson(item, view.checklist.gate, name)),
    escalations: view.escalations.map(({ escalation, alert }) => escalationJson(escalation, alert?.fired ?? 1, name)),
    deployments: view.deployments.map((d) => deploymentJson(d, name)),
  };
}

export function checkAnswerJson(
  release: string,
  item: ChecklistItem,
  changed: boolean,
  gate: DeploymentGate,
  name: NameOf,
): z.input<typeof CheckAnswerJson> {
  return { release, item: checklistItemJson(item, undefined, name), changed, gate: gate.gate };
}
