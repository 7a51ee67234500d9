import { addDays, calendarDateIn } from '../../core/domain/calendar.ts';
import { isActive, type Release } from '../../core/domain/release.ts';
import { ROLES, type Role, type RoleAssignment } from '../../core/domain/roles.ts';
import type { CadenceDeps } from '../deps.ts';
import { type CadenceConfig, dmSummaryAt, standupOccurrences } from '../domain/schedule.ts';
import { greetingFor, missingAnswers } from '../domain/standup.ts';
import { awayFor, STANDUP_TIMERS } from './standups.ts';

/**
 * DM delivery (`standup config delivery:dm`): each role holder is asked by DM at the standup time in their own Slack
 * time zone (`users.info` `tz`, through the cached directory; the release's zone when Slack has none), on the
 * release's working days inside its window. The day is the person's local date, and the standup of that date is the
 * release's one: answers land in its channel thread and one summary is posted, after the last person's prompt plus
 * the cut-off. Each person's prompt is claimed in `standup_dms` before it is sent, so it goes out once a day across
 * restarts and processes; a reminder is sent in the DM's thread once, to those who have not answered.
 */

type Recipient = { userId: string; roles: Role[]; timeZone: string };

/**
 * The role holders who can be asked: people (bots and deactivated accounts are not DMed), with their zone. Also what
 * `/release schedule` lists.
 */
export async function dmRecipients(deps: CadenceDeps, release: Release, assignments: readonly RoleAssignment[]) {
  const byUser = new Map<string, Role[]>();
  for (const role of ROLES) {
    for (const a of assignments.filter((x) => x.role === role))
      byUser.set(a.userId, [...(byUser.get(a.userId) ?? []), role]);
  }
  const out: Recipient[] = [];
  for (const [userId, roles] of byUser) {
    const person = await deps.users.lookup(userId).catch(() => undefined);
    if (person && (person.isBot || person.isAppUser || person.isWorkflowBot || person.deleted)) continue;
    out.push({ userId, roles, timeZone: person?.timeZone ?? release.timeZone });
  }
  return out;
}

/** When a person's prompt of `slot` is due, or undefined when `slot` is not a standup day. */
function dueAt(release: Release, config: CadenceConfig, slot: string, timeZone: string): Date | undefined {
  return standupOccurrences({ ...release, timeZone }, config, slot, slot)[0]?.at;
}

export type DmTickResult = { prompted: number; reminded: number };

/** One scheduler tick of DM delivery for one release. */
export async function runDmStandups(
  deps: CadenceDeps,
  release: Release,
  config: CadenceConfig,
  owner: string,
): Promise<DmTickResult> {
  const result: DmTickResult = { prompted: 0, reminded: 0 };
  if (!isActive(release) || config.standupDelivery !== 'dm') return result;
  const now = deps.clock.now();
  const assignments = await deps.store.releases.assignments(release.id);
  const people = await dmRecipients(deps, release, assignments);
  const notBefore = Math.max(release.createdAt.getTime(), config.updatedAt?.getTime() ?? 0);
  for (const person of people) {
    const localToday = calendarDateIn(now, person.timeZone);
    for (const slot of [addDays(localToday, -1), localToday]) {
      const at = dueAt(release, config, slot, person.timeZone);
      if (!at || at.getTime() > now.getTime() || at.getTime() < notBefore) continue;
      if (
        now.getTime() - at.getTime() <= deps.catchUpGraceMs &&
        !(await awayFor(deps, release, slot)).has(person.userId)
      ) {
        if (await promptPerson(deps, { release, config, slot, person, at, people, owner })) result.prompted += 1;
      }
      if (await remindPerson(deps, { release, config, slot, person, people, assignments })) result.reminded += 1;
    }
  }
  return result;
}

/** The summary of `slot`: after the last person's prompt time, plus the cut-off. */
function cutoffOf(release: Release, config: CadenceConfig, slot: string, people: readonly Recipient[]): Date {
  return dmSummaryAt(
    config,
    slot,
    release.timeZone,
    people.map((p) => p.timeZone),
  );
}

async function promptPerson(
  deps: CadenceDeps,
  input: {
    release: Release;
    config: CadenceConfig;
    slot: string;
    person: Recipient;
    at: Date;
    people: readonly Recipient[];
    owner: string;
  },
): Promise<boolean> {
  const { release, config, slot, person } = input;
  const now = deps.clock.now();
  const cutoffAt = cutoffOf(release, config, slot, input.people);
  let standup = await deps.store.transaction(async () => {
    const opened = await deps.store.standups.open({
      releaseId: release.id,
      slot,
      channelId: release.channelId,
      at: now,
    });
    return opened.summaryTs ? undefined : opened;
  });
  if (!standup) return false;
  if (!standup.messageTs) {
    // The channel thread the answers land in, posted once per standup whoever's DM goes first, and before any DM is
    // claimed: while another replica is posting it this throws, and the DM is tried again on the next tick instead
    // of being claimed by a process that then cannot send it.
    const { ts } = await deps.standupMessenger.postPrompt({
      release,
      standup,
      cutoffAt,
      roleHolders: input.people.map((p) => p.userId),
      delivery: 'dm',
    });
    await deps.store.standups.setMessage(standup.id, ts);
    deps.homeRefresh.changed(release.id);
    standup = { ...standup, messageTs: ts };
  }
  const opened = standup;
  const mine = await deps.store.transaction(async () => {
    const first = (await deps.store.standups.dms(opened.id)).length === 0;
    const claimed = await deps.store.standups.claimDm({
      standupId: opened.id,
      userId: person.userId,
      dueAt: input.at,
      timeZone: person.timeZone,
      owner: input.owner,
      now,
    });
    if (claimed && first) {
      await deps.store.timers.schedule({
        kind: STANDUP_TIMERS.summary,
        key: `${STANDUP_TIMERS.summary}:${opened.id}`,
        releaseId: release.id,
        dueAt: cutoffAt,
        payload: { standupId: opened.id },
      });
    }
    return claimed;
  });
  if (!mine) return false;
  const posted = await deps.standupMessenger.postDmPrompt({
    release,
    standup,
    userId: person.userId,
    roles: person.roles,
    greeting: greetingFor(now, person.timeZone),
    cutoffAt,
  });
  await deps.store.standups.setDmMessage(standup.id, person.userId, posted.channel, posted.ts);
  return true;
}

async function remindPerson(
  deps: CadenceDeps,
  input: {
    release: Release;
    config: CadenceConfig;
    slot: string;
    person: Recipient;
    people: readonly Recipient[];
    assignments: readonly RoleAssignment[];
  },
): Promise<boolean> {
  const { release, config, slot, person } = input;
  const now = deps.clock.now();
  const standup = await deps.store.standups.findBySlot(release.id, slot);
  if (!standup || standup.summaryTs) return false;
  const dm = (await deps.store.standups.dms(standup.id)).find((d) => d.userId === person.userId);
  if (!dm?.channelId || !dm.messageTs || dm.remindedAt) return false;
  const remindAt = dm.dueAt.getTime() + config.reminderAfterMs;
  const cutoffAt = cutoffOf(release, config, slot, input.people);
  if (now.getTime() < remindAt || now.getTime() >= cutoffAt.getTime()) return false;
  const answers = await deps.store.standups.answers(standup.id);
  const away = await awayFor(deps, release, slot);
  const owes = missingAnswers(input.assignments, answers, away).some((m) => m.userId === person.userId);
  if (!owes) return false;
  if (!(await deps.store.standups.claimDmReminder(standup.id, person.userId, now))) return false;
  await deps.standupMessenger.remindDm({
    standup,
    dm: { ...dm, channelId: dm.channelId, messageTs: dm.messageTs },
    cutoffAt,
  });
  return true;
}
