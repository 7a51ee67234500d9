/**
 * Issue 12, authorization gaps: the human-only rule for every act of judgement, and name-based access to another
 * release. Each refusal is private and changes nothing.
 */
import { describe, expect, test } from 'vitest';
import { ACTION_IDS } from '../../src/core/ids.ts';
import { commandPosting } from '../helpers/channel-posts.ts';
import { createStaffedRelease, OTHER_CHANNEL, startTestBot, type TestBot } from '../helpers/e2e.ts';
import { CAST, CHANNEL } from '../helpers/people.ts';
import { click, openPoll, ROLE_HOLDERS } from '../polls/e2e/poll-driver.ts';

const refusalFor = (t: TestBot, userId: string, pattern: RegExp) =>
  t.fake.waitFor(() => t.fake.ephemerals({ userId }).find((e) => pattern.test(e.text)));

/** The standard release, with the CI bot as DevOps and the app user as Product Owner. */
async function releaseWithMachines(t: TestBot) {
  await createStaffedRelease(t);
  for (const [role, who] of [
    ['devops', CAST.bot.id],
    ['po', CAST.app.id],
  ] as const) {
    const given = await t.command(CAST.rm.id, `role ${role} <@${who}>`);
    expect(given.reply?.response_type, given.visible).toBe('in_channel');
  }
}

describe('the human-only rule covers every act of judgement', () => {
  test('a bot holding DevOps cannot decide in its authority area', async () => {
    const t = await startTestBot();
    await releaseWithMachines(t);
    const before = t.fake.messages(CHANNEL).length;
    const refused = await t.command(CAST.bot.id, 'decide deployment-method blue-green');
    expect(refused.reply?.response_type).toBe('ephemeral');
    expect(refused.visible).toContain('is a bot, and only a person may record a decision');
    expect(t.fake.messages(CHANNEL)).toHaveLength(before);
    const release = await t.bot.store.releases.findActiveInChannel(t.fake.teamId, CHANNEL);
    expect(await t.bot.store.decisions.forRelease(release!.id)).toEqual([]);
  });

  test('a bot holding DevOps cannot sign off or confirm a handoff, nor tick its checklist items', async () => {
    const t = await startTestBot();
    await releaseWithMachines(t);
    const handoff = await commandPosting(t, CAST.qa.id, 'handoff qa-devops');
    await t.driver.clickButton({
      userId: CAST.qa.id,
      channelId: CHANNEL,
      messageTs: handoff.ts,
      actionId: ACTION_IDS.handoffSignOff,
    });
    await t.fake.waitFor(() => JSON.stringify(t.fake.message(CHANNEL, handoff.ts)).includes('Signed off by <@UQA>'));
    await t.driver.clickButton({
      userId: CAST.bot.id,
      channelId: CHANNEL,
      messageTs: handoff.ts,
      actionId: ACTION_IDS.handoffConfirm,
    });
    const refusal = await refusalFor(t, CAST.bot.id, /only a person may confirm a handoff/);
    expect(refusal.text).toContain('<@UBOTX> is a bot');
    const release = await t.bot.store.releases.findActiveInChannel(t.fake.teamId, CHANNEL);
    const state = (await t.bot.store.governance.handoffs(release!.id)).find((h) => h.key === 'qa_devops');
    expect(state?.confirmedBy).toBeNull();

    await t.command(CAST.bot.id, 'checklist');
    await t.driver.clickButton({
      userId: CAST.bot.id,
      channelId: CHANNEL,
      ephemeral: true,
      actionId: ACTION_IDS.checklistTick,
      value: JSON.stringify({ r: release!.id, k: 'rollback_plan' }),
    });
    await refusalFor(t, CAST.bot.id, /only a person may tick or untick checklist items/);
    expect(t.fake.openViews(CAST.bot.id)).toEqual([]);
    expect((await t.bot.store.governance.checklist(release!.id)).filter((i) => i.tickedBy)).toEqual([]);
  });

  test('an app user holding PO cannot agree to a scope proposal', async () => {
    const t = await startTestBot();
    await releaseWithMachines(t);
    const proposal = await commandPosting(t, CAST.rm.id, 'decide scope "drop the CSV export"');
    await t.driver.clickButton({
      userId: CAST.app.id,
      channelId: CHANNEL,
      messageTs: proposal.ts,
      actionId: ACTION_IDS.scopeAgree,
    });
    const refusal = await refusalFor(t, CAST.app.id, /only a person may agree to a proposal/);
    expect(refusal.text).toContain('<@UAPP> is an app user');
    expect(JSON.stringify(t.fake.message(CHANNEL, proposal.ts))).not.toContain('agreed by');
  });

  test('a bot may still do what is informational: report a risk', async () => {
    const t = await startTestBot();
    await releaseWithMachines(t);
    const added = await t.command(CAST.bot.id, 'risk add "Nightly build flaky" severity:2 likelihood:3');
    expect(added.visible).toContain('Risk #1 added');
  });

  test('Slackbot clicking a vote row gets a private refusal, and nothing is recorded', async () => {
    const t = await startTestBot();
    await createStaffedRelease(t);
    const poll = await openPoll(t);
    const responseUrl = t.fake.newResponseUrl({ channelId: CHANNEL, userId: 'USLACKBOT' });
    const response = await t.driver.sendInteraction({
      type: 'block_actions',
      user: { id: 'USLACKBOT', username: 'slackbot', team_id: t.fake.teamId },
      team: { id: t.fake.teamId },
      channel: { id: CHANNEL, name: 'release' },
      container: { type: 'message', message_ts: poll.ts, channel_id: CHANNEL },
      trigger_id: t.fake.newTriggerId('USLACKBOT'),
      response_url: responseUrl,
      actions: [
        {
          action_id: ACTION_IDS.pollVoteGo,
          value: `${poll.pollId}:qa_lead`,
          type: 'button',
          action_ts: '1764600000.000001',
        },
      ],
    });
    expect(response.status).toBe(200);
    const told = await t.fake.waitFor(() => t.fake.responseUrlPosts.find((p) => p.url === responseUrl));
    expect(JSON.stringify(told.body), JSON.stringify(told.body)).toContain('Slackbot is not a person');
    expect((told.body as { response_type?: string }).response_type).toBe('ephemeral');
    // The real voters still can.
    const [role, voter] = ROLE_HOLDERS[1];
    await click(t, poll, voter, role, ACTION_IDS.pollVoteGo);
  });
});

describe('release:<name> from another channel is for members of the release’s channel', () => {
  async function privateRelease(t: TestBot) {
    t.fake.addChannel({
      id: 'C0SECRET',
      name: 'secret-release',
      isPrivate: true,
      members: [CAST.rm.id, CAST.qa.id, t.fake.botUserId],
    });
    const created = await t.command(CAST.rm.id, 'create secret-1.0 target:2026-12-10', 'C0SECRET');
    expect(created.reply?.response_type, created.visible).toBe('in_channel');
  }

  test('status and export of a private release are refused to a non-member, and nothing is uploaded', async () => {
    const t = await startTestBot();
    await privateRelease(t);
    const status = await t.command(CAST.outsider.id, 'status release:secret-1.0', OTHER_CHANNEL);
    expect(status.visible).toContain('belongs to a channel you are not in');
    expect(status.visible).not.toContain('Release Manager');
    const exported = await t.command(CAST.outsider.id, 'export release:secret-1.0', OTHER_CHANNEL);
    expect(exported.visible).toContain('belongs to a channel you are not in');
    const checklist = await t.command(CAST.outsider.id, 'checklist release:secret-1.0', OTHER_CHANNEL);
    expect(checklist.visible).toContain('belongs to a channel you are not in');
    expect(t.fake.files).toEqual([]);
  });

  test('a member exporting from elsewhere gets the record by DM, never in the other channel', async () => {
    const t = await startTestBot();
    await privateRelease(t);
    const status = await t.command(CAST.qa.id, 'status release:secret-1.0', OTHER_CHANNEL);
    expect(status.visible).toContain('secret-1.0');
    const exported = await t.command(CAST.qa.id, 'export release:secret-1.0', OTHER_CHANNEL);
    expect(exported.visible).toContain('by direct message');
    const [file] = t.fake.files;
    expect(file?.channel).toBe(t.fake.dmChannelId(CAST.qa.id));
    expect(t.fake.files.some((f) => f.channel === OTHER_CHANNEL)).toBe(false);
  });

  test('the decision log shows a private release’s decisions only to members of its channel', async () => {
    const t = await startTestBot();
    await privateRelease(t);
    await t.command(CAST.rm.id, `role rm <@${CAST.rm.id}>`, 'C0SECRET');
    const decided = await t.command(CAST.rm.id, 'decide schedule "secret date moved"', 'C0SECRET');
    expect(decided.status).toBe(200);
    await t.fake.waitFor(() =>
      t.fake.messages('C0SECRET').some((m) => JSON.stringify(m).includes('secret date moved')),
    );
    const outsider = await t.command(CAST.outsider.id, 'decisions', OTHER_CHANNEL);
    expect(outsider.visible).not.toContain('secret date moved');
    const named = await t.command(CAST.outsider.id, 'decisions release:secret-1.0', OTHER_CHANNEL);
    expect(named.visible).toContain('belongs to a channel you are not in');
    const member = await t.command(CAST.qa.id, 'decisions', OTHER_CHANNEL);
    expect(member.visible).toContain('secret date moved');
  });

  test('in the release’s own channel the export is posted there', async () => {
    const t = await startTestBot();
    await privateRelease(t);
    const exported = await t.command(CAST.qa.id, 'export', 'C0SECRET');
    expect(exported.visible).toContain('to this channel');
    expect(t.fake.files.map((f) => f.channel)).toEqual(['C0SECRET']);
  });
});
