import type { FakeMessage } from '../support/fake-slack/fake-slack.ts';
import { type TestBot, visibleText } from './e2e.ts';
import { CHANNEL } from './people.ts';

/**
 * Sends `/release <text>` whose answer is a message the bot POSTS in the channel (chat.postMessage, so that it can be
 * threaded), not a response_url reply. Resolves with the new top-level channel message, or throws with whatever
 * ephemeral reply came instead.
 */
export async function commandPosting(
  t: TestBot,
  userId: string,
  text: string,
  channelId = CHANNEL,
): Promise<FakeMessage & { visible: string }> {
  const before = new Set(t.fake.messages(channelId).map((m) => m.ts));
  const sent = await t.driver.command({ userId, channelId, text });
  const posted = await t.fake.waitFor(
    () =>
      t.fake.messages(channelId).find((m) => !before.has(m.ts) && (!m.threadTs || m.threadTs === m.ts)) ??
      t.fake.responseUrlPosts.find((p) => p.url === sent.responseUrl),
    { timeoutMs: 3000 },
  );
  if (!('ts' in posted)) throw new Error(`expected a channel post, got a reply: ${JSON.stringify(posted.body)}`);
  return { ...posted, visible: visibleText(posted) };
}
