import { calendarDateIn, isValidTimeZone } from '../../core/domain/calendar.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { type DraftProblem, type Release, validateReleaseDraft } from '../../core/domain/release.ts';
import type { ReleasesDeps } from '../deps.ts';

export type CreateReleaseInput = {
  teamId: string;
  channelId: string;
  actorId: string;
  name: string;
  targetDate: string;
  windowStart?: string | undefined;
  windowEnd?: string | undefined;
  timeZone?: string | undefined;
};

/** `channel` problems are about where the release is created rather than about one of its fields. */
export type CreateProblem = { field: DraftProblem['field'] | 'channel'; message: string };

export type CreateReleaseResult = { ok: true; release: Release } | { ok: false; problems: CreateProblem[] };

export async function createRelease(deps: ReleasesDeps, input: CreateReleaseInput): Promise<CreateReleaseResult> {
  const timeZone = input.timeZone ?? (await creatorTimeZone(deps, input.actorId)) ?? deps.defaultTimeZone;
  const now = deps.clock.now();
  const checked = validateReleaseDraft(
    {
      name: input.name,
      targetDate: input.targetDate,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      timeZone,
    },
    (zone) => calendarDateIn(now, zone),
  );
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const draft = checked.value;

  const { store } = deps;
  return store.transaction(async (): Promise<CreateReleaseResult> => {
    const inChannel = await store.releases.findActiveInChannel(input.teamId, input.channelId);
    if (inChannel) {
      const message = `This channel already runs ${releaseLabel(inChannel)}. Finish or cancel it first, or create the new release in another channel.`;
      return { ok: false, problems: [{ field: 'channel', message }] };
    }
    const sameName = await store.releases.findByName(input.teamId, draft.name);
    if (sameName) {
      return {
        ok: false,
        problems: [
          {
            field: 'name',
            message: `A release named ${releaseLabel(sameName)} already exists in <#${sameName.channelId}>.`,
          },
        ],
      };
    }
    const release = await store.releases.insert({
      ...draft,
      teamId: input.teamId,
      channelId: input.channelId,
      createdBy: input.actorId,
      createdAt: now,
    });
    await store.audit.record({
      teamId: input.teamId,
      releaseId: release.id,
      actorId: input.actorId,
      action: 'release.created',
      after: draft,
      at: now,
    });
    // Other modules' first steps (the checklist) land in the same transaction as the release.
    for (const created of deps.contributions.releaseCreated) await created(release);
    return { ok: true, release };
  });
}

/**
 * The creator's own zone from their Slack profile (`users.info` `tz`, through the cached directory), or undefined when
 * the profile has none or one this runtime does not know: the caller then uses the workspace default. The command and
 * the form's prefill both ask here, so they agree.
 */
export async function creatorTimeZone(deps: ReleasesDeps, userId: string): Promise<string | undefined> {
  try {
    const zone = (await deps.users.lookup(userId))?.timeZone ?? undefined;
    return zone && isValidTimeZone(zone) ? zone : undefined;
  } catch (error) {
    deps.logger.warn('could not read the creator time zone; using the default', error);
    return undefined;
  }
}
