/**
 * Issue 17: with `standup config delivery:dm`, `/release schedule` lists each standup at every holder's own local time
 * (their Slack zone), not at the release's, with the one summary after the last of them.
 */
import { expect, test } from 'vitest';
import { createStaffedRelease, startTestBot, type TestBot } from '../../helpers/e2e.ts';
import { CAST } from '../../helpers/people.ts';

/** 09:30 in New York is 14:30 UTC, 15:30 in Berlin. */
const NY_PO = { id: 'UNYPO', name: 'nora', realName: 'Nora Park', tz: 'America/New_York' };

async function staff(t: TestBot, delivery: 'dm' | 'channel') {
  t.fake.addUser(NY_PO);
  await createStaffedRelease(t); // Europe/Berlin, window 2026-12-01..12, the cast in Berlin
  await t.command(CAST.rm.id, `unrole po <@${CAST.po.id}>`);
  await t.command(CAST.rm.id, `role po <@${NY_PO.id}>`);
  await t.command(CAST.rm.id, `standup config delivery:${delivery}`);
}

const sections = (reply: { reply?: { blocks?: unknown[] } }) =>
  ((reply.reply?.blocks ?? []) as { type: string; text?: { text: string } }[]).map((b) => b.text?.text ?? '');

test('DM delivery: each standup day lists the Berlin holders at 09:30 Berlin and the New York PO at 09:30 New York', async () => {
  const t = await startTestBot({ now: '2026-12-01T07:00:00Z' }); // 08:00 in Berlin, 02:00 in New York
  await staff(t, 'dm');
  const schedule = await t.command(CAST.outsider.id, 'schedule');
  expect(schedule.reply?.response_type).toBe('ephemeral');
  const texts = sections(schedule);
  const first = texts.find((s) => s.startsWith('*Daily standup of Tue 2026-12-01*, by DM'));
  expect(first).toBeDefined();
  const lines = (first ?? '').split('\n').slice(1);
  expect(lines[0]).toMatch(/^• 09:30 Europe\/Berlin: <@UDEVOPS>, <@UQA>, <@URM>, <@UTECH> \(<!date\^1796113800\^/);
  expect(lines[1]).toMatch(/^• 09:30 America\/New_York: <@UNYPO> \(<!date\^1796135400\^/);
  // The summary waits for the last person's prompt plus the cut-off (4 h): 14:30 UTC + 4 h, 19:30 in Berlin.
  expect(lines[2]).toMatch(/^• Summary in the channel · Tue 2026-12-01 19:30 \(<!date\^1796149800\^/);
  expect(texts.some((s) => s.startsWith('*Daily standup of Wed 2026-12-02*, by DM'))).toBe(true);
  // The release-zone listing no longer claims a 09:30 Berlin standup for everyone.
  const next = texts.find((s) => s.startsWith('*Next runs*')) ?? '';
  expect(next).not.toContain('Daily standup');
  expect(next).toContain('Weekly risk review');
  expect(schedule.visible).toContain('each person at the standup time in their own Slack time zone');

  // 10:00 in Berlin: the Berlin prompts of the day went out, New York's is still ahead.
  t.clock.set('2026-12-01T09:00:00Z');
  const later = sections(await t.command(CAST.outsider.id, 'schedule'));
  const today = (later.find((s) => s.startsWith('*Daily standup of Tue 2026-12-01*')) ?? '').split('\n').slice(1);
  expect(today[0]).toMatch(/^• 09:30 America\/New_York: <@UNYPO>/);
  expect(today.join('\n')).not.toContain('Europe/Berlin:');

  // /release status says who is asked first, in their zone and the release's.
  expect((await t.command(CAST.outsider.id, 'status')).visible).toContain(
    '*Next*: Daily standup by DM, next prompt Tue 2026-12-01 15:30 (09:30 America/New_York)',
  );
});

test('a holder away that day is shown as away, not asked', async () => {
  const t = await startTestBot({ now: '2026-12-01T07:00:00Z' });
  await staff(t, 'dm');
  const away = await t.command(CAST.qa.id, 'away');
  expect(away.visible).toContain('through 2026-12-01');
  const texts = sections(await t.command(CAST.outsider.id, 'schedule'));
  const first = texts.find((s) => s.startsWith('*Daily standup of Tue 2026-12-01*')) ?? '';
  expect(first).toContain('<@UQA> (away, not asked)');
  const second = texts.find((s) => s.startsWith('*Daily standup of Wed 2026-12-02*')) ?? '';
  expect(second).toContain('<@UQA>');
  expect(second).not.toContain('away');
});

test('channel delivery keeps the one release-zone time and lists no DM standups', async () => {
  const t = await startTestBot({ now: '2026-12-01T07:00:00Z' });
  await staff(t, 'channel');
  const schedule = await t.command(CAST.outsider.id, 'schedule');
  const next = sections(schedule).find((s) => s.startsWith('*Next runs*')) ?? '';
  expect(next).toContain('• Daily standup · Tue 2026-12-01 09:30');
  expect(schedule.visible).not.toContain('by DM');
  expect(schedule.visible).not.toContain('America/New_York');
});
