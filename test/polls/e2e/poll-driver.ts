/** Drives go/no-go and rollback polls end to end: open, click, vote with a note, decide, compare with the database. */
import { buildPollMessage } from '../../../src/polls/slack/views/go-no-go-poll.ts';
import { getPollView } from '../../../src/polls/usecases/poll-view.ts';
import type { TestBot } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import type { FakeMessage } from '../../support/fake-slack/fake-slack.ts';

export const ROLE_HOLDERS = [
  ['tech_lead', CAST.tech.id],
  ['qa_lead', CAST.qa.id],
  ['devops', CAST.devops.id],
  ['product_owner', CAST.po.id],
] as const;

export type Poll = { ts: string; pollId: number };

export async function openPoll(t: TestBot, text = 'gonogo', title = 'Go/No-Go'): Promise<Poll & { reply: string }> {
  const before = t.fake.messages(CHANNEL).length;
  const outcome = await t.command(CAST.rm.id, text);
  const message = await t.fake.waitFor(() =>
    t.fake
      .messages(CHANNEL)
      .slice(before)
      .find((m) => m.text.startsWith(title)),
  );
  const decideBlock = message.blocks.find((b) => b.block_id === 'poll_decide') as
    | { elements: Array<{ value: string }> }
    | undefined;
  const pollId = Number(decideBlock?.elements[0]?.value ?? Number.NaN);
  if (!Number.isInteger(pollId)) throw new Error('the poll message has no decide buttons');
  return { ts: message.ts, pollId, reply: outcome.visible };
}

export function pollMessage(t: TestBot, poll: Poll): FakeMessage {
  const message = t.fake.message(CHANNEL, poll.ts);
  if (!message) throw new Error('the poll message is gone');
  return message;
}

export function roleSection(t: TestBot, poll: Poll, role: string): string {
  const block = pollMessage(t, poll).blocks.find((b) => b.block_id === `poll_role:${role}`);
  return JSON.stringify(block ?? null);
}

export function click(t: TestBot, poll: Poll, userId: string, role: string, actionId: string) {
  return t.driver.clickButton({
    userId,
    channelId: CHANNEL,
    messageTs: poll.ts,
    actionId,
    value: `${poll.pollId}:${role}`,
  });
}

export async function voteWithNote(
  t: TestBot,
  poll: Poll,
  userId: string,
  role: string,
  actionId: string,
  note: string,
) {
  const before = t.fake.openViews(userId).length;
  await click(t, poll, userId, role, actionId);
  const view = await t.fake.waitFor(() => t.fake.openViews(userId)[before]);
  return t.driver.submitView({ userId, viewId: String(view.id), values: { poll_note: { value: note } } });
}

export async function decide(t: TestBot, poll: Poll, userId: string, side: 'go' | 'no_go', rationale?: string) {
  const before = t.fake.openViews(userId).length;
  await t.driver.clickButton({
    userId,
    channelId: CHANNEL,
    messageTs: poll.ts,
    actionId: side === 'go' ? 'poll_decide_go' : 'poll_decide_no_go',
    value: String(poll.pollId),
  });
  const view = await t.fake.waitFor(() => t.fake.openViews(userId)[before]);
  return t.driver.submitView({
    userId,
    viewId: String(view.id),
    values: { poll_rationale: { value: rationale ?? null } },
  });
}

/** The message as Slack shows it, compared with a fresh render of the database (Slack adds missing block ids). */
export async function matchesDatabase(t: TestBot, poll: Poll): Promise<boolean> {
  const view = await getPollView(t.bot.deps, poll.pollId);
  if (!view) return false;
  const expected = buildPollMessage(view);
  const actual = pollMessage(t, poll);
  const blocks = actual.blocks.map((block, i) => {
    const copy = { ...block };
    if ((expected.blocks[i] as { block_id?: string } | undefined)?.block_id === undefined) delete copy.block_id;
    return copy;
  });
  return actual.text === expected.text && JSON.stringify(blocks) === JSON.stringify(expected.blocks);
}

/** Waits for every click's work after its ack, then for the message to show the database state. */
export async function settled(t: TestBot, poll: Poll): Promise<void> {
  await t.bot.idle(5000);
  await t.fake.waitFor(() => matchesDatabase(t, poll), { timeoutMs: 5000 });
}
