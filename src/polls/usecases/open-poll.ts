import { type Failure, fail } from '../../core/deps.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { whyNotHuman } from '../../core/domain/people.ts';
import { type Release, STATUS_LABELS } from '../../core/domain/release.ts';
import { holdersOf, ROLE_KEYWORDS, ROLE_LABELS, rolesOf } from '../../core/domain/roles.ts';
import type { PollsDeps } from '../deps.ts';
import {
  openers,
  POLL_OPEN_FROM,
  POLL_WORDING,
  type Poll,
  type PollActivity,
  pollRoles,
  roleLabelList,
  unheldVotingRoles,
} from '../domain/go-no-go.ts';
import { POLL_RACI } from './poll-view.ts';

export const POLL_DEADLINE_TIMER = 'poll.deadline';
export const pollDeadlineKey = (pollId: number) => `${POLL_DEADLINE_TIMER}:${pollId}`;

export type OpenPollInput = {
  release: Release;
  actorId: string;
  activity: PollActivity;
  /** How long voters have before the reminder; none means no reminder. */
  deadlineMs: number | undefined;
};

export type OpenPollResult = { ok: true; poll: Poll; published: boolean } | (Failure & { existing?: Poll });

/**
 * Opens a go/no-go or rollback poll and posts it in the release channel. The poll, its deadline timer and the audit
 * entry land together; the message is posted after. If posting fails, the poll stays open without a message and
 * running the command again posts it.
 */
export async function openPoll(deps: PollsDeps, input: OpenPollInput): Promise<OpenPollResult> {
  const now = deps.clock.now();
  const wording = POLL_WORDING[input.activity];
  const actor = await deps.users.lookup(input.actorId);
  const notHuman = actor ? whyNotHuman(actor) : `<@${input.actorId}> is not a known account`;
  if (notHuman) return fail(`${notHuman}: only people open a ${wording.title}.`);

  const opened = await deps.store.transaction(async (): Promise<OpenPollResult> => {
    const release = await deps.store.releases.findById(input.release.id);
    if (!release) return fail('That release no longer exists.');
    const assignments = await deps.store.releases.assignments(release.id);
    const roles = pollRoles(POLL_RACI, input.activity);
    const mayOpen = openers(roles, input.activity);
    if (!rolesOf(assignments, input.actorId).some((role) => mayOpen.includes(role))) {
      const who = mayOpen.map((role) => ROLE_LABELS[role]).join(', ');
      return fail(`Only the ${who} of ${releaseLabel(release)} can open the ${wording.title}.`);
    }
    const existing = await deps.store.polls.findOpen(release.id, input.activity);
    if (existing) {
      if (existing.messageTs === null) return { ok: true, poll: existing, published: false };
      return { ...fail(`A ${wording.title} poll for ${releaseLabel(release)} is already open.`), existing };
    }
    const allowed = POLL_OPEN_FROM[input.activity];
    if (!allowed.includes(release.status)) {
      return fail(
        `${releaseLabel(release)} is ${STATUS_LABELS[release.status].toLowerCase()}; a ${wording.title} needs it to be ` +
          `${allowed.map((s) => STATUS_LABELS[s].toLowerCase()).join(' or ')}.`,
      );
    }
    const unheld = unheldVotingRoles(roles, assignments);
    if (unheld.length > 0) {
      const how = unheld.map((role) => `\`/release role ${ROLE_KEYWORDS[role]} @person\``).join(', ');
      return fail(`Every voting role needs a holder first. Nobody holds: ${roleLabelList(unheld)}. Name them: ${how}.`);
    }
    if (holdersOf(assignments, roles.decider).length === 0) {
      return fail(
        `${releaseLabel(release)} has no ${ROLE_LABELS[roles.decider]} to decide. Name one: \`/release role ${ROLE_KEYWORDS[roles.decider]} @person\`.`,
      );
    }
    const deadlineAt = input.deadlineMs === undefined ? null : new Date(now.getTime() + input.deadlineMs);
    const poll = await deps.store.polls.insert({
      teamId: release.teamId,
      releaseId: release.id,
      activity: input.activity,
      channelId: release.channelId,
      deadlineAt,
      openedBy: input.actorId,
      openedAt: now,
    });
    if (deadlineAt) {
      await deps.store.timers.schedule({
        kind: POLL_DEADLINE_TIMER,
        key: pollDeadlineKey(poll.id),
        releaseId: release.id,
        dueAt: deadlineAt,
        payload: { pollId: poll.id },
      });
    }
    await deps.store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId: input.actorId,
      action: 'poll.opened',
      subject: input.activity,
      after: { pollId: poll.id, deadlineAt: deadlineAt?.toISOString() ?? null },
      at: now,
    });
    return { ok: true, poll, published: false };
  });
  if (!opened.ok) return opened;

  try {
    const ts = await deps.pollMessenger.publish(opened.poll.id);
    const poll = await deps.store.polls.setMessage(opened.poll.id, ts);
    deps.homeRefresh.changed(poll.releaseId);
    return { ok: true, poll, published: true };
  } catch (error) {
    deps.logger.error(`posting poll ${opened.poll.id} failed`, error);
    return fail(
      `The ${wording.title} is open but I could not post it in <#${opened.poll.channelId}>. ` +
        'Check that I am in the channel, then run the command again to post it.',
    );
  }
}
