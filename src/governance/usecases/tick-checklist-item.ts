import { type Failure, fail } from '../../core/deps.ts';
import { escapeMrkdwn, releaseLabel } from '../../core/domain/markup.ts';
import { isActive } from '../../core/domain/release.ts';
import { holdersOf, ROLE_LABELS, rolesOf } from '../../core/domain/roles.ts';
import { whyNotAPerson } from '../../core/usecases/human-only.ts';
import type { GovernanceDeps } from '../deps.ts';
import { type ChecklistItem, isTicked, mayTick, mayUntick, validateEvidenceUrl } from '../domain/checklist.ts';
import { checklistOf } from './get-checklist.ts';

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

async function change(
  deps: GovernanceDeps,
  input: TickInput,
  tick: boolean,
  evidence: string | undefined,
): Promise<TickResult> {
  const { store } = deps;
  let evidenceUrl: string | null = null;
  if (tick && evidence !== undefined && evidence.trim() !== '') {
    const valid = validateEvidenceUrl(evidence);
    if (!valid.ok) return fail(valid.message);
    evidenceUrl = valid.url;
  }
  const now = deps.clock.now();
  const notAPerson = await whyNotAPerson(deps, input.actorId, 'tick or untick checklist items');
  if (notAPerson) return fail(notAPerson);
  return store.transaction(async (): Promise<TickResult> => {
    const denied = await whyCannotTickAsRole(deps, input, !tick);
    if (denied) return fail(denied);
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
      after: tick ? { ticked: true, evidenceUrl } : { ticked: false },
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
