import { type Failure, fail } from '../../core/deps.ts';
import { isPipelineActor } from '../../core/domain/actors.ts';
import { escapeMrkdwn, releaseLabel } from '../../core/domain/markup.ts';
import { isActive } from '../../core/domain/release.ts';
import { holdersOf, ROLE_LABELS, rolesOf } from '../../core/domain/roles.ts';
import { whyNotAPerson } from '../../core/usecases/human-only.ts';
import type { GovernanceDeps } from '../deps.ts';
import { type ChecklistItem, isTicked, mayTick, mayUntick, validateEvidenceUrl } from '../domain/checklist.ts';
import { checklistOf, ensureChecklist } from './get-checklist.ts';

export type TickInput = { releaseId: number; key: string; actorId: string };
export type TickResult = { ok: true; item: ChecklistItem; changed: boolean } | Failure;

/**
 * Why `actorId` may not tick (or, with `untick`, untick) the item now, or undefined when they may. Used before
 * opening the modal too. A tick is the owner role's alone, and a person's: the refusal names the owner and, for the
 * Release Manager, the override that is theirs instead.
 */
export async function whyCannotTick(
  deps: GovernanceDeps,
  input: TickInput,
  untick = false,
): Promise<string | undefined> {
  return (
    (await whyNotAPerson(deps, input.actorId, 'tick or untick checklist items')) ??
    whyCannotTickAsRole(deps, input, untick)
  );
}

async function whyCannotTickAsRole(
  deps: GovernanceDeps,
  input: TickInput,
  untick: boolean,
): Promise<string | undefined> {
  const release = await deps.store.releases.findById(input.releaseId);
  if (!release) return 'That release no longer exists.';
  if (!isActive(release)) return `${releaseLabel(release)} has ended; its checklist can no longer change.`;
  const item = (await checklistOf(deps.store, release.id)).find((i) => i.key === input.key);
  if (!item) return 'That checklist item does not exist.';
  const assignments = await deps.store.releases.assignments(release.id);
  const roles = rolesOf(assignments, input.actorId);
  if (untick ? mayUntick(item, roles) : mayTick(item, roles)) return undefined;
  const owners = holdersOf(assignments, item.owner);
  const who = owners.length > 0 ? ` (${owners.map((id) => `<@${id}>`).join(', ')})` : ' (nobody holds it yet)';
  const label = escapeMrkdwn(item.label);
  if (untick) return `Only the ${ROLE_LABELS[item.owner]}${who} or the ${ROLE_LABELS.rm} can untick “${label}”.`;
  const override = roles.includes('rm')
    ? ` As ${ROLE_LABELS.rm} you may override it instead, with a reason: \`/release checklist override item:${item.key} &lt;reason&gt;\`.`
    : '';
  return `Only the ${ROLE_LABELS[item.owner]}${who} can tick “${label}”: it is theirs to vouch for.${override}`;
}

/** Why the step may not be taken now, checked inside the transaction that takes it. */
type Authorize = (deps: GovernanceDeps, input: TickInput, untick: boolean) => Promise<string | undefined>;

async function change(
  deps: GovernanceDeps,
  input: TickInput,
  tick: boolean,
  evidence: string | undefined,
  authorize: Authorize = whyCannotTickAsRole,
): Promise<TickResult> {
  const { store } = deps;
  let evidenceUrl: string | null = null;
  // An untick keeps a link only in its history row (a failed CI run's, from a pipeline): the item loses its evidence.
  if (evidence !== undefined && evidence.trim() !== '') {
    const valid = validateEvidenceUrl(evidence);
    if (!valid.ok) return fail(valid.message);
    evidenceUrl = valid.url;
  }
  const now = deps.clock.now();
  // A person's tick asks Slack who they are, outside the transaction; a pipeline's is authorised on its own terms.
  if (authorize === whyCannotTickAsRole) {
    const notAPerson = await whyNotAPerson(deps, input.actorId, 'tick or untick checklist items');
    if (notAPerson) return fail(notAPerson);
  }
  return store.transaction(async (): Promise<TickResult> => {
    const denied = await authorize(deps, input, !tick);
    if (denied) return fail(denied);
    await ensureChecklist(store, input.releaseId);
    const item = (await store.governance.checklist(input.releaseId)).find((i) => i.key === input.key) as ChecklistItem;
    if (isTicked(item) === tick && (!tick || evidenceUrl === null || evidenceUrl === item.evidenceUrl)) {
      return { ok: true, item, changed: false };
    }
    await store.governance.setTick({
      releaseId: input.releaseId,
      key: input.key,
      action: tick ? 'tick' : 'untick',
      actorId: input.actorId,
      at: now,
      evidenceUrl,
    });
    const release = await store.releases.findById(input.releaseId);
    await store.audit.record({
      teamId: release?.teamId ?? '',
      releaseId: input.releaseId,
      actorId: input.actorId,
      action: tick ? 'checklist.ticked' : 'checklist.unticked',
      subject: input.key,
      before: { ticked: isTicked(item), by: item.tickedBy },
      after: tick ? { ticked: true, evidenceUrl } : { ticked: false, ...(evidenceUrl ? { evidenceUrl } : {}) },
      at: now,
    });
    const updated = (await store.governance.checklist(input.releaseId)).find(
      (i) => i.key === input.key,
    ) as ChecklistItem;
    return { ok: true, item: updated, changed: true };
  });
}

/** Ticks an item, optionally with an evidence link (validated). Only the owner role. */
export async function tickChecklistItem(
  deps: GovernanceDeps,
  input: TickInput & { evidenceUrl?: string | undefined },
): Promise<TickResult> {
  return change(deps, input, true, input.evidenceUrl);
}

/** Unticks an item: the owner role or the RM. After a Go, an untick makes the Go stale (src/gate). */
export async function untickChecklistItem(deps: GovernanceDeps, input: TickInput): Promise<TickResult> {
  return change(deps, input, false, undefined);
}

/**
 * Why a pipeline may not report on the item, or undefined: the same checks as a person's tick except the owner role.
 * A pipeline holds no role; the Release Manager gave it a token of the release's channel (src/api), and a check
 * always comes with its evidence link, kept with the tick.
 */
async function whyPipelineCannotTick(deps: GovernanceDeps, input: TickInput): Promise<string | undefined> {
  if (!isPipelineActor(input.actorId)) return 'Only a pipeline reports checks.';
  const release = await deps.store.releases.findById(input.releaseId);
  if (!release) return 'That release no longer exists.';
  if (!isActive(release)) return `${releaseLabel(release)} has ended; its checklist can no longer change.`;
  const item = (await checklistOf(deps.store, release.id)).find((i) => i.key === input.key);
  if (!item) return 'That checklist item does not exist.';
  return undefined;
}

/**
 * A check reported by a pipeline (the HTTP API, issue 14): `passed` ticks the item with the evidence link, `failed`
 * unticks it. Recorded as `ci:<token name>`. After a Go, the untick makes the Go stale like anyone's (src/gate).
 */
export async function recordPipelineCheck(
  deps: GovernanceDeps,
  input: TickInput & { passed: boolean; evidenceUrl: string },
): Promise<TickResult> {
  return change(deps, input, input.passed, input.evidenceUrl, whyPipelineCannotTick);
}
