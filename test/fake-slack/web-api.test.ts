import { LogLevel, WebAPIPlatformError, WebAPIRateLimitedError, WebClient } from '@slack/web-api';
import { expect, onTestFinished, test } from 'vitest';
import { type FakeSlackOptions, startFakeSlack } from '../support/fake-slack/fake-slack.ts';

const ALICE = { id: 'UALICE', name: 'alice', realName: 'Alice Adams', tz: 'Europe/Paris' };
const BOB = { id: 'UBOB', name: 'bob' };
const HELPER_BOT = { id: 'UHELPER', name: 'helper', isBot: true };

async function setup(options: FakeSlackOptions = {}, clientOptions: ConstructorParameters<typeof WebClient>[1] = {}) {
  const fake = await startFakeSlack({
    users: [ALICE, BOB, HELPER_BOT],
    channels: [
      { id: 'CREL', name: 'releases' },
      { id: 'CSECRET', name: 'secret', isPrivate: true, members: ['UALICE'] },
      { id: 'CSMALL', name: 'small', members: ['UALICE', 'UBOT'] },
    ],
    ...options,
  });
  onTestFinished(() => fake.close());
  const client = new WebClient(fake.token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    ...clientOptions,
  });
  return { fake, client };
}

async function platformError(promise: Promise<unknown>): Promise<WebAPIPlatformError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return error as WebAPIPlatformError;
}

test('auth.test answers the bot identity Bolt needs', async () => {
  const { fake, client } = await setup();
  const result = await client.auth.test();
  expect(result).toMatchObject({ ok: true, team_id: 'T0TEAM', user_id: 'UBOT', bot_id: 'BBOT' });
  expect(fake.callsTo('auth.test')).toHaveLength(1);
});

test('a wrong token is invalid_auth and a missing one is not_authed', async () => {
  const { fake } = await setup();
  const options = { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR };
  const wrong = new WebClient('xoxb-wrong', options);
  expect((await platformError(wrong.auth.test())).data.error).toBe('invalid_auth');
  const none = new WebClient(undefined, options);
  expect((await platformError(none.auth.test())).data.error).toBe('not_authed');
  expect(fake.calls.map((c) => c.error)).toEqual(['invalid_auth', 'not_authed']);
});

test('a token sent as a body param is accepted', async () => {
  const { fake } = await setup();
  const response = await fetch(`${fake.apiUrl}auth.test`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `token=${fake.token}`,
  });
  expect(await response.json()).toMatchObject({ ok: true, user_id: 'UBOT' });
});

test('an unknown method answers unknown_method', async () => {
  const { client } = await setup();
  expect((await platformError(client.apiCall('chat.frobnicate', {}))).data.error).toBe('unknown_method');
});

test('chat.postMessage stores the message and answers the Slack shape', async () => {
  const { fake, client } = await setup();
  const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Release 1.2*' } }];
  const result = await client.chat.postMessage({ channel: 'CREL', text: 'Release 1.2', blocks });
  expect(result).toMatchObject({
    ok: true,
    channel: 'CREL',
    message: { type: 'message', user: 'UBOT', bot_id: 'BBOT', text: 'Release 1.2', ts: result.ts },
  });
  const [stored] = fake.messages('CREL');
  expect(stored).toMatchObject({ ts: result.ts, user: 'UBOT', botId: 'BBOT', text: 'Release 1.2', replyCount: 0 });
  expect(stored?.blocks[0]).toMatchObject({ type: 'section', text: { text: '*Release 1.2*' } });
  expect(stored?.blocks[0]?.block_id).toEqual(expect.any(String));
  expect(fake.callsTo('chat.postMessage')[0]?.params.blocks).toEqual(blocks);
});

test('chat.postMessage to a user id opens a DM channel D…', async () => {
  const { fake, client } = await setup();
  const result = await client.chat.postMessage({ channel: 'UALICE', text: 'hi' });
  expect(result.channel).toMatch(/^D/);
  expect(fake.dmChannelId('UALICE')).toBe(result.channel);
  expect(fake.messages(String(result.channel)).map((m) => m.text)).toEqual(['hi']);
  const open = await client.conversations.open({ users: 'UALICE' });
  expect(open.channel?.id).toBe(result.channel);
});

test('chat.postMessage accepts a channel name and answers with the channel id', async () => {
  const { fake, client } = await setup();
  expect((await client.chat.postMessage({ channel: '#releases', text: 'by name' })).channel).toBe('CREL');
  expect(fake.messages('CREL').map((m) => m.text)).toEqual(['by name']);
});

test('chat.postMessage errors: channel_not_found, no_text, hidden private channel, bot DM', async () => {
  const { client } = await setup();
  expect((await platformError(client.chat.postMessage({ channel: 'CNOPE', text: 'x' }))).data.error).toBe(
    'channel_not_found',
  );
  const empty = client.chat.postMessage({ channel: 'CREL', text: '' });
  expect((await platformError(empty)).data.error).toBe('no_text');
  expect((await platformError(client.chat.postMessage({ channel: 'CSECRET', text: 'x' }))).data.error).toBe(
    'channel_not_found',
  );
  expect((await platformError(client.chat.postMessage({ channel: 'UHELPER', text: 'x' }))).data.error).toBe(
    'cannot_dm_bot',
  );
});

test('thread replies bump the parent and are listed by thread()', async () => {
  const { fake, client } = await setup();
  const parent = await client.chat.postMessage({ channel: 'CREL', text: 'parent' });
  const reply = await client.chat.postMessage({ channel: 'CREL', text: 'reply', thread_ts: parent.ts });
  expect(reply.message?.thread_ts).toBe(parent.ts);
  expect(fake.messages('CREL')).toHaveLength(1);
  expect(fake.messages('CREL')[0]).toMatchObject({ ts: parent.ts, replyCount: 1, threadTs: parent.ts });
  expect(fake.thread('CREL', String(parent.ts)).map((m) => m.text)).toEqual(['reply']);
  const orphan = client.chat.postMessage({ channel: 'CREL', text: 'x', thread_ts: '1.000001' });
  expect((await platformError(orphan)).data.error).toBe('thread_not_found');
});

test('chat.update edits bot messages only and enforces the 4000-char text limit', async () => {
  const { fake, client } = await setup();
  const posted = await client.chat.postMessage({ channel: 'CREL', text: 'v1' });
  const ts = String(posted.ts);
  const updated = await client.chat.update({ channel: 'CREL', ts, text: 'v2' });
  expect(updated).toMatchObject({ ok: true, channel: 'CREL', ts, text: 'v2' });
  expect(fake.message('CREL', ts)).toMatchObject({ text: 'v2', edited: true, updates: 1 });
  expect((await platformError(client.chat.update({ channel: 'CREL', ts, text: 'x'.repeat(4001) }))).data.error).toBe(
    'msg_too_long',
  );
  expect((await platformError(client.chat.update({ channel: 'CREL', ts: '1.2', text: 'x' }))).data.error).toBe(
    'message_not_found',
  );
  const human = fake.postAsUser({ channelId: 'CREL', userId: 'UALICE', text: 'mine' });
  expect((await platformError(client.chat.update({ channel: 'CREL', ts: human, text: 'x' }))).data.error).toBe(
    'cant_update_message',
  );
});

test('chat.update keeps the blocks when only text is sent', async () => {
  const { fake, client } = await setup();
  const blocks = [{ type: 'divider', block_id: 'd1' }];
  const posted = await client.chat.postMessage({ channel: 'CREL', text: 'v1', blocks });
  await client.chat.update({ channel: 'CREL', ts: String(posted.ts), text: 'v2' });
  expect(fake.message('CREL', String(posted.ts))?.blocks).toEqual(blocks);
});

test('chat.delete removes the message', async () => {
  const { fake, client } = await setup();
  const posted = await client.chat.postMessage({ channel: 'CREL', text: 'bye' });
  await client.chat.delete({ channel: 'CREL', ts: String(posted.ts) });
  expect(fake.messages('CREL')).toEqual([]);
  expect(fake.message('CREL', String(posted.ts))).toBeUndefined();
});

test('chat.postEphemeral reaches only members and is listed by ephemerals()', async () => {
  const { fake, client } = await setup();
  const result = await client.chat.postEphemeral({ channel: 'CSMALL', user: 'UALICE', text: 'psst' });
  expect(result.message_ts).toEqual(expect.any(String));
  expect(fake.ephemerals({ userId: 'UALICE' })).toEqual([
    { ts: result.message_ts, channel: 'CSMALL', user: 'UALICE', text: 'psst', blocks: [], source: 'postEphemeral' },
  ]);
  const notMember = client.chat.postEphemeral({ channel: 'CSMALL', user: 'UBOB', text: 'psst' });
  expect((await platformError(notMember)).data.error).toBe('user_not_in_channel');
});

test('chat.getPermalink builds p<ts without dot>', async () => {
  const { client } = await setup();
  const posted = await client.chat.postMessage({ channel: 'CREL', text: 'x' });
  const link = await client.chat.getPermalink({ channel: 'CREL', message_ts: String(posted.ts) });
  expect(link.permalink).toBe(`https://fake.slack.com/archives/CREL/p${String(posted.ts).replace('.', '')}`);
});

test('users.info returns the full user shape, bots included', async () => {
  const { client } = await setup();
  const alice = await client.users.info({ user: 'UALICE' });
  expect(alice.user).toMatchObject({
    id: 'UALICE',
    name: 'alice',
    real_name: 'Alice Adams',
    tz: 'Europe/Paris',
    is_bot: false,
    is_app_user: false,
    deleted: false,
    profile: { real_name: 'Alice Adams', display_name: 'alice' },
  });
  expect([3600, 7200]).toContain(alice.user?.tz_offset);
  const bot = await client.users.info({ user: 'UBOT' });
  expect(bot.user).toMatchObject({ is_bot: true, profile: { bot_id: 'BBOT' } });
  const slackbot = await client.users.info({ user: 'USLACKBOT' });
  expect(slackbot.user).toMatchObject({ id: 'USLACKBOT', is_bot: false });
  expect((await platformError(client.users.info({ user: 'UNOPE' }))).data.error).toBe('user_not_found');
});

test('users.info says who administers the workspace: admins, owners and the primary owner', async () => {
  const { fake, client } = await setup();
  fake.addUser({ id: 'UADMIN', name: 'ada', isAdmin: true });
  fake.addUser({ id: 'UOWNER', name: 'otto', isOwner: true });
  fake.addUser({ id: 'UPRIME', name: 'prim', isPrimaryOwner: true });
  const flags = async (user: string) => {
    const { user: u } = await client.users.info({ user });
    return [u?.is_admin, u?.is_owner, u?.is_primary_owner];
  };
  expect(await flags('UALICE')).toEqual([false, false, false]);
  expect(await flags('UADMIN')).toEqual([true, false, false]);
  // Slack reports an owner as an admin too, and the primary owner as all three.
  expect(await flags('UOWNER')).toEqual([true, true, false]);
  expect(await flags('UPRIME')).toEqual([true, true, true]);
});

test('conversations.info and conversations.members, paginated', async () => {
  const { fake, client } = await setup();
  for (let i = 0; i < 5; i += 1) fake.addUser({ id: `UEXTRA${i}`, name: `extra${i}` });
  fake.addChannel({ id: 'CBIG', name: 'big', members: ['UALICE', 'UBOB', 'UEXTRA0', 'UEXTRA1', 'UEXTRA2'] });
  const info = await client.conversations.info({ channel: 'CBIG' });
  expect(info.channel).toMatchObject({ id: 'CBIG', name: 'big', is_channel: true, is_private: false });
  const pages: string[][] = [];
  for await (const page of client.paginate('conversations.members', { channel: 'CBIG', limit: 2 })) {
    pages.push((page as unknown as { members: string[] }).members);
  }
  expect(pages).toEqual([['UALICE', 'UBOB'], ['UEXTRA0', 'UEXTRA1'], ['UEXTRA2']]);
  expect((await platformError(client.conversations.info({ channel: 'CSECRET' }))).data.error).toBe('channel_not_found');
});

test('conversations.join adds the bot and warns when already in', async () => {
  const { fake, client } = await setup();
  fake.addChannel({ id: 'COUT', name: 'outside', members: ['UALICE'] });
  const joined = await client.conversations.join({ channel: 'COUT' });
  expect(joined.channel).toMatchObject({ id: 'COUT', is_member: true });
  expect(fake.channel('COUT')?.members).toContain('UBOT');
  const again = await client.conversations.join({ channel: 'COUT' });
  expect(again.warning).toBe('already_in_channel');
});

test('usergroups.users.list', async () => {
  const { fake, client } = await setup();
  fake.addUsergroup('S0QA', 'qa', ['UALICE', 'UBOB']);
  expect((await client.usergroups.users.list({ usergroup: 'S0QA' })).users).toEqual(['UALICE', 'UBOB']);
  expect((await platformError(client.usergroups.users.list({ usergroup: 'S0NO' }))).data.error).toBe('no_such_subteam');
});

test('failNext answers ok:false once', async () => {
  const { fake, client } = await setup();
  fake.failNext('chat.postMessage', 'is_archived');
  expect((await platformError(client.chat.postMessage({ channel: 'CREL', text: 'x' }))).data.error).toBe('is_archived');
  await expect(client.chat.postMessage({ channel: 'CREL', text: 'x' })).resolves.toMatchObject({ ok: true });
});

test('rateLimitNext answers 429 with Retry-After', async () => {
  const { fake, client } = await setup({}, { rejectRateLimitedCalls: true });
  fake.rateLimitNext('users.info', { retryAfterSeconds: 7 });
  const error = await client.users.info({ user: 'UALICE' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WebAPIRateLimitedError);
  expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
  expect(fake.callsTo('users.info')[0]).toMatchObject({ status: 429, ok: false, error: 'ratelimited' });
  await expect(client.users.info({ user: 'UALICE' })).resolves.toMatchObject({ ok: true });
});

test('a client that retries gets through after the rate limit', async () => {
  const { fake, client } = await setup({}, { retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 } });
  fake.rateLimitNext('auth.test', { retryAfterSeconds: 0, times: 2 });
  await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
  expect(fake.callsTo('auth.test').map((c) => c.status)).toEqual([429, 429, 200]);
});

test('enforceChannelPostRate allows one post per second per channel', async () => {
  let now = 1_700_000_000_000;
  const { fake, client } = await setup(
    { enforceChannelPostRate: true, now: () => now },
    { rejectRateLimitedCalls: true },
  );
  await client.chat.postMessage({ channel: 'CREL', text: 'one' });
  const error = await client.chat.postMessage({ channel: 'CREL', text: 'two' }).catch((e: unknown) => e);
  expect((error as WebAPIRateLimitedError).retryAfter).toBe(1);
  await client.chat.postMessage({ channel: 'CSMALL', text: 'other channel is fine' });
  now += 1000;
  await client.chat.postMessage({ channel: 'CREL', text: 'three' });
  expect(fake.messages('CREL').map((m) => m.text)).toEqual(['one', 'three']);
  expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([200, 429, 200, 200]);
});

test('JSON request bodies are accepted too', async () => {
  const { fake } = await setup();
  const response = await fetch(`${fake.apiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${fake.token}` },
    body: JSON.stringify({ channel: 'CREL', text: 'json', blocks: [{ type: 'divider' }] }),
  });
  expect(await response.json()).toMatchObject({ ok: true });
  expect(fake.messages('CREL')[0]?.text).toBe('json');
});

test('waitFor resolves with the value and times out with a clear error', async () => {
  const { fake } = await setup();
  setTimeout(() => fake.postAsUser({ channelId: 'CREL', userId: 'UALICE', text: 'later' }), 20);
  const message = await fake.waitFor(() => fake.messages('CREL')[0]);
  expect(message.text).toBe('later');
  await expect(fake.waitFor(() => false, { timeoutMs: 30 })).rejects.toThrow(/waitFor timed out after 30 ms/);
});
