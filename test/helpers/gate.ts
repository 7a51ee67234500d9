import type { Release } from '../../src/core/domain/release.ts';
import { ACTION_IDS, BLOCK_IDS } from '../../src/core/ids.ts';
import type { Deps } from '../../src/deps.ts';
import { shipRelease } from '../../src/gate/usecases/ship-release.ts';
import { castPollVote } from '../../src/polls/usecases/cast-poll-vote.ts';
import { decidePoll } from '../../src/polls/usecases/decide-poll.ts';
import { openPoll } from '../../src/polls/usecases/open-poll.ts';
import type { TestBot } from './e2e.ts';
import { tickWholeChecklist } from './factories.ts';
import { CAST, CHANNEL } from './people.ts';

export const VOTERS = [
  ['tech_lead', CAST.tech.id],
  ['qa_lead', CAST.qa.id],
  ['devops', CAST.devops.id],
  ['product_owner', CAST.po.id],
] as const;

/**
 * Takes a staffed release through a Go with the use cases, as a test's setup: every checklist item ticked by its
 * owner, a go/no-go poll, four Go votes and the Release Manager's Go. For tests about what comes after the Go.
 */
export async function decideGo(deps: Deps, releaseId: number, options: { tick?: boolean } = {}): Promise<number> {
  if (options.tick !== false) await tickWholeChecklist(deps, releaseId);
  const release = (await deps.store.releases.findById(releaseId)) as Release;
  const opened = await openPoll(deps, { release, actorId: CAST.rm.id, activity: 'go_no_go', deadlineMs: undefined });
  if (!opened.ok) throw new Error(opened.message);
  for (const [role, voterId] of VOTERS) {
    const voted = await castPollVote(deps, { pollId: opened.poll.id, role, voterId, value: 'go' });
    if (!voted.ok) throw new Error(`vote ${role}: ${voted.reason}`);
  }
  const decided = await decidePoll(deps, { pollId: opened.poll.id, deciderId: CAST.rm.id, side: 'go' });
  if (!decided.ok) throw new Error(decided.message);
  return opened.poll.id;
}

/** A Go, then shipped through the gate by `actorId` (the RM unless said): setup for tests about a shipped release. */
export async function shipWithGo(deps: Deps, release: Release, actorId: string = CAST.rm.id): Promise<Release> {
  await decideGo(deps, release.id);
  const shipped = await shipRelease(deps, { release, actorId });
  if (!shipped.ok) throw new Error(shipped.message);
  return shipped.release;
}

export type SlackPoll = { ts: string; pollId: number };

/**
 * The same Go through Slack: `/release gonogo` by the RM, the four voting roles click Go on the posted poll, the RM
 * clicks Decide Go and submits the form. The checklist is ticked by its owners through the use case first unless
 * `tick: false` (the Decide Go form then needs `overrideReason`).
 */
export async function goThroughSlack(
  t: TestBot,
  options: { releaseId?: number; tick?: boolean; overrideReason?: string } = {},
): Promise<SlackPoll> {
  const releaseId = options.releaseId ?? 1;
  if (options.tick !== false) await tickWholeChecklist(t.bot.deps, releaseId);
  const before = t.fake.messages(CHANNEL).length;
  const outcome = await t.command(CAST.rm.id, 'gonogo');
  const message = await t.fake
    .waitFor(() =>
      t.fake
        .messages(CHANNEL)
        .slice(before)
        .find((m) => m.text.startsWith('Go/No-Go')),
    )
    .catch(() => {
      throw new Error(`no poll was posted: ${outcome.visible}`);
    });
  return voteGoAndDecide(t, message, options);
}

/**
 * On a posted go/no-go poll: the four voting roles click Go, the RM clicks Decide Go and submits the form (with
 * `overrideReason` when the checklist is not done).
 */
export async function voteGoAndDecide(
  t: TestBot,
  message: { ts: string; blocks: Array<{ block_id?: string }> },
  options: { overrideReason?: string } = {},
): Promise<SlackPoll> {
  const decideBlock = message.blocks.find((b) => b.block_id === BLOCK_IDS.pollDecide) as
    | { elements: Array<{ value: string }> }
    | undefined;
  const pollId = Number(decideBlock?.elements[0]?.value);
  for (const [role, userId] of VOTERS) {
    await t.driver.clickButton({
      userId,
      channelId: CHANNEL,
      messageTs: message.ts,
      actionId: ACTION_IDS.pollVoteGo,
      value: `${pollId}:${role}`,
    });
  }
  await t.bot.idle(5000);
  const views = t.fake.openViews(CAST.rm.id).length;
  await t.driver.clickButton({
    userId: CAST.rm.id,
    channelId: CHANNEL,
    messageTs: message.ts,
    actionId: ACTION_IDS.pollDecideGo,
    value: String(pollId),
  });
  const view = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id)[views]);
  const submitted = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: String(view.id),
    values: {
      [BLOCK_IDS.pollRationale]: { value: null },
      ...(options.overrideReason ? { [BLOCK_IDS.pollOverride]: { value: options.overrideReason } } : {}),
    },
  });
  if (submitted.ack) throw new Error(`the Go was refused: ${JSON.stringify(submitted.ack)}`);
  await t.bot.idle(5000);
  const decided = await t.bot.deps.store.polls.findById(pollId);
  if (decided?.decision !== 'go') throw new Error('the poll was not decided Go');
  return { ts: message.ts, pollId };
}
