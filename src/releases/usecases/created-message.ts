import type { Timer } from '../../core/domain/timers.ts';
import type { ReleasesDeps } from '../deps.ts';
import { getReleaseOverview, type ReleaseOverview } from './release-overview.ts';

/** What the "release created" message shows: the release with its roles, and the other modules' notes. */
export type CreatedMessageState = { overview: ReleaseOverview; notes: string[] };

/** Read afresh for every render of the message. */
export async function loadCreatedMessage(
  deps: ReleasesDeps,
  releaseId: number,
): Promise<CreatedMessageState | undefined> {
  const release = await deps.store.releases.findById(releaseId);
  if (!release) return undefined;
  const notes = (await Promise.all(deps.contributions.createdNotes.map((note) => note(release)))).flat();
  return { overview: await getReleaseOverview(deps, release), notes };
}

/**
 * A render of the message owed and not made by this process (another held the lease and may die, or the render
 * failed): a durable look later. Only then: a release whose renders go through has no timer.
 */
export const CREATED_RENDER_TIMER = 'release.created-render';

export async function scheduleCreatedRender(deps: Pick<ReleasesDeps, 'store'>, releaseId: number, at: Date) {
  await deps.store.timers.schedule({
    kind: CREATED_RENDER_TIMER,
    key: `${CREATED_RENDER_TIMER}:${releaseId}`,
    releaseId,
    dueAt: at,
    payload: { releaseId },
  });
}

export async function runCreatedRender(deps: ReleasesDeps, timer: Timer): Promise<void> {
  const releaseId = (timer.payload as { releaseId?: unknown } | null)?.releaseId;
  if (typeof releaseId === 'number') await deps.releaseMessages?.refreshCreated(releaseId);
}

/** After the roles changed (written and committed): the "created" message shows them. Never fails the change. */
export async function rolesChanged(deps: ReleasesDeps, releaseId: number): Promise<void> {
  try {
    await deps.releaseMessages?.refreshCreated(releaseId);
  } catch (error) {
    deps.logger.warn(`could not refresh the "created" message of release ${releaseId}`, error);
  }
}
