/**
 * Issue 17, "the create form also asks for the window and the time zone": the form opened by `/release create`,
 * prefilled with the creator's own Slack zone, and the same rules as `create … window:… tz:…` under each field.
 */
import { expect, test } from 'vitest';
import { BLOCK_IDS, CALLBACK_IDS, INPUT_ACTION_ID } from '../../../src/core/ids.ts';
import { startTestBot, type TestBot } from '../../helpers/e2e.ts';
import { CAST, CHANNEL, TEAM } from '../../helpers/people.ts';

const NEW_YORKER = 'UNEWYORK1';
const NO_ZONE = 'UNOZONE01';

type Block = { block_id?: string; hint?: { text: string }; element?: { type: string; initial_value?: string } };

async function openCreateForm(t: TestBot, userId: string) {
  await t.driver.command({ userId, channelId: CHANNEL, text: 'create' });
  const [view] = await t.fake.waitFor(() => {
    const open = t.fake.openViews(userId);
    return open.length > 0 && open;
  });
  const modal = view as unknown as { id: string; callback_id: string; blocks: Block[] };
  expect(modal.callback_id).toBe(CALLBACK_IDS.createRelease);
  const block = (id: string) => modal.blocks.find((b) => b.block_id === id);
  return { id: modal.id, block };
}

/** Fields given as undefined are left empty (not in the submitted values). */
const values = (fields: Record<string, string | undefined>) =>
  Object.fromEntries(
    Object.entries(fields).flatMap(([block, value]) =>
      value === undefined ? [] : [[block, { [INPUT_ACTION_ID]: value }] as const],
    ),
  );

const form = (overrides: Record<string, string | undefined> = {}) =>
  values({
    [BLOCK_IDS.releaseName]: 'Mobile 3',
    [BLOCK_IDS.targetDate]: '2026-12-10',
    [BLOCK_IDS.windowStart]: '2026-12-01',
    [BLOCK_IDS.windowEnd]: '2026-12-12',
    [BLOCK_IDS.timeZone]: 'America/New_York',
    ...overrides,
  });

async function stored(t: TestBot) {
  return t.bot.store.releases.findByName(TEAM, 'Mobile 3');
}

test('the form has the window as two optional datepickers and the zone prefilled with the creator’s Slack zone', async () => {
  const t = await startTestBot();
  t.fake.addUser({ id: NEW_YORKER, name: 'nina', tz: 'America/New_York' });
  const { block } = await openCreateForm(t, NEW_YORKER);
  expect(block(BLOCK_IDS.windowStart)).toMatchObject({ optional: true, element: { type: 'datepicker' } });
  expect(block(BLOCK_IDS.windowEnd)).toMatchObject({ optional: true, element: { type: 'datepicker' } });
  const zone = block(BLOCK_IDS.timeZone);
  expect(zone?.element).toMatchObject({ type: 'plain_text_input', initial_value: 'America/New_York' });
  expect(zone?.hint?.text).toContain('from your Slack profile');

  // Someone else in Berlin gets their own zone, not the first person's.
  const berlin = await openCreateForm(t, CAST.rm.id);
  expect(berlin.block(BLOCK_IDS.timeZone)?.element?.initial_value).toBe('Europe/Berlin');
});

test('when Slack cannot say the creator’s zone, the form is prefilled with DEFAULT_TIME_ZONE and says nothing of Slack', async () => {
  const t = await startTestBot({ env: { DEFAULT_TIME_ZONE: 'Asia/Tokyo' } });
  t.fake.addUser({ id: NO_ZONE, name: 'zed', tz: 'Europe/Berlin' });
  t.fake.failNext('users.info', 'user_not_found');
  const { block } = await openCreateForm(t, NO_ZONE);
  expect(block(BLOCK_IDS.timeZone)?.element?.initial_value).toBe('Asia/Tokyo');
  expect(block(BLOCK_IDS.timeZone)?.hint?.text).not.toContain('Slack');
});

test('submitting with a window and a zone stores the release with them (the zone in its IANA spelling)', async () => {
  const t = await startTestBot();
  const { id } = await openCreateForm(t, CAST.rm.id);
  const good = await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: id,
    values: form({ [BLOCK_IDS.timeZone]: ' america/new_york ' }),
  });
  expect(good.ack).toBeFalsy();
  expect(t.fake.isViewOpen(id)).toBe(false);
  expect(await stored(t)).toMatchObject({
    name: 'Mobile 3',
    targetDate: '2026-12-10',
    windowStart: '2026-12-01',
    windowEnd: '2026-12-12',
    timeZone: 'America/New_York',
  });
  const posted = await t.fake.waitFor(() => t.fake.messages(CHANNEL).find((m) => m.text.includes('Mobile 3')));
  expect(JSON.stringify(posted.blocks)).toContain('America/New_York');
  expect(JSON.stringify(posted.blocks)).toContain('Release window 2026-12-01 → 2026-12-12');
});

test('without a window the release has none; the form and the command store the same', async () => {
  const t = await startTestBot();
  const { id } = await openCreateForm(t, CAST.rm.id);
  await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: id,
    values: form({ [BLOCK_IDS.windowStart]: undefined, [BLOCK_IDS.windowEnd]: undefined }),
  });
  expect(await stored(t)).toMatchObject({ windowStart: null, windowEnd: null, timeZone: 'America/New_York' });
  await t.command(CAST.rm.id, 'create Mobile 4 target:2026-12-10 tz:america/new_york', 'C0OTHER');
  expect(await t.bot.store.releases.findByName(TEAM, 'Mobile 4')).toMatchObject({ timeZone: 'America/New_York' });
});

test.each([
  [{ [BLOCK_IDS.timeZone]: 'Mars/Base' }, BLOCK_IDS.timeZone, 'Mars/Base is not a time zone I know'],
  [{ [BLOCK_IDS.timeZone]: 'CET+1' }, BLOCK_IDS.timeZone, 'is not a time zone I know'],
  [{ [BLOCK_IDS.windowEnd]: undefined }, BLOCK_IDS.windowEnd, 'needs both a first and a last day'],
  [{ [BLOCK_IDS.windowStart]: undefined }, BLOCK_IDS.windowStart, 'needs both a first and a last day'],
  [
    { [BLOCK_IDS.windowStart]: '2026-12-12', [BLOCK_IDS.windowEnd]: '2026-12-01' },
    BLOCK_IDS.windowEnd,
    'The window ends (2026-12-01) before it starts (2026-12-12)',
  ],
])(
  'a bad field (%o) gets its error under %s, the form stays open and nothing is written',
  async (fields, block, message) => {
    const t = await startTestBot();
    const { id } = await openCreateForm(t, CAST.rm.id);
    const bad = await t.driver.submitView({ userId: CAST.rm.id, viewId: id, values: form(fields) });
    expect(bad.ack).toMatchObject({ response_action: 'errors', errors: { [block]: expect.stringContaining(message) } });
    expect(Object.keys((bad.ack as { errors: object }).errors)).toEqual([block]);
    expect(t.fake.isViewOpen(id)).toBe(true);
    expect(await stored(t)).toBeUndefined();
    expect(t.fake.callsTo('chat.postMessage')).toEqual([]);
  },
);
