import { expect, test } from 'vitest';
import { createStaffedRelease, startTestBot, type TestBot, visibleText } from '../../helpers/e2e.ts';
import { CAST, CHANNEL } from '../../helpers/people.ts';
import { pngSize } from '../../helpers/png.ts';
import type { FakeMessage } from '../../support/fake-slack/fake-slack.ts';

const reports = (t: TestBot): FakeMessage[] => t.fake.messages(CHANNEL).filter((m) => m.text.startsWith('Risk report'));

test('the risk register: add inline, list by score, close; bad input is explained', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  const low = await t.command(CAST.tech.id, 'risk add Flaky CI severity:2 likelihood:2');
  expect(low.visible).toContain('Risk #1 added');
  const high = await t.command(
    CAST.rm.id,
    `risk add "Payment API limits" severity:4 likelihood:4 owner:<@${CAST.devops.id}> mitigation:"cache tokens" due:2026-11-25`,
  );
  expect(high.visible).toContain('score *16*');
  await t.command(CAST.qa.id, 'risk add Test env <b>down</b> severity:3 likelihood:3');

  const list = await t.command(CAST.outsider.id, 'risk list');
  const text = list.visible;
  expect(text.indexOf('Payment API limits')).toBeLessThan(text.indexOf('Test env'));
  expect(text.indexOf('Test env')).toBeLessThan(text.indexOf('Flaky CI'));
  expect(text).toContain('&lt;b&gt;down&lt;/b&gt;');
  expect(text).toContain('risk_update');

  for (const [input, expected] of [
    ['risk add Thing severity:7 likelihood:2', 'is not 1 to 5'],
    ['risk add severity:3 likelihood:2', 'Give the risk a title'],
    ['risk add Thing severity:3', 'Give the likelihood'],
    ['risk add Thing severity:3 likelihood:3 due:tomorrow', 'is not a date'],
    ['risk add Thing severity:3 likelihood:3 owner:dana', 'is not a mention'],
    ['risk close 99', 'has no risk #99'],
    ['risk frob', 'is not a risk action'],
  ] as const) {
    const reply = await t.command(CAST.rm.id, input);
    expect(reply.visible, input).toContain(expected);
  }
  const outsider = await t.command(CAST.outsider.id, 'risk add X severity:1 likelihood:1');
  expect(outsider.visible).toContain('Only the role holders');

  const denied = await t.command(CAST.qa.id, 'risk close 2');
  expect(denied.visible).toContain('belongs to <@UDEVOPS>');
  const closed = await t.command(CAST.devops.id, 'risk close 2 cached');
  expect(closed.visible).toContain('is closed');
  expect((await t.command(CAST.rm.id, 'risk list')).visible).not.toContain('Payment API limits');
});

test('risk add with no arguments opens a modal; the list Update button edits in a modal, recorded', async () => {
  const t = await startTestBot();
  await createStaffedRelease(t);
  await t.command(CAST.tech.id, 'risk add Flaky CI severity:2 likelihood:2');
  await t.command(CAST.tech.id, 'risk add');
  const view = await t.fake.waitFor(() => t.fake.openViews(CAST.tech.id).at(-1));
  const good = await t.driver.submitView({
    userId: CAST.tech.id,
    viewId: String(view.id),
    values: {
      risk_title: { value: 'Vendor outage' },
      risk_severity: { value: '3' },
      risk_likelihood: { value: '5' },
      risk_owner: { value: CAST.tech.id },
    },
  });
  expect(good.ack ?? null).toBeNull();
  const list = await t.command(CAST.tech.id, 'risk list');
  expect(list.visible.indexOf('Vendor outage')).toBeLessThan(list.visible.indexOf('Flaky CI'));

  await t.driver.clickButton({
    userId: CAST.tech.id,
    channelId: CHANNEL,
    ephemeral: true,
    actionId: 'risk_update',
    value: '1',
  });
  const edit = await t.fake.waitFor(() =>
    t.fake.openViews(CAST.tech.id).find((v) => JSON.stringify(v).includes('Update risk #1')),
  );
  expect(JSON.stringify(edit)).toContain('Flaky CI');
  const saved = await t.driver.submitView({
    userId: CAST.tech.id,
    viewId: String(edit.id),
    values: { risk_severity: { value: '5' }, risk_likelihood: { value: '5' } },
  });
  expect(saved.ack ?? null).toBeNull();
  const after = await t.command(CAST.rm.id, 'risk list');
  expect(after.visible.indexOf('Flaky CI')).toBeLessThan(after.visible.indexOf('Vendor outage'));
  expect(after.visible).toContain('score *25*');
});

test('the weekly review asks each lead, then the report lists risks by score with the trend', async () => {
  const t = await startTestBot(); // 2026-11-23 (a Monday) 09:00Z, created 10:00 Berlin
  await createStaffedRelease(t);
  await t.command(CAST.tech.id, `risk add "Schema migration" severity:3 likelihood:4 owner:<@${CAST.tech.id}>`);
  await t.command(CAST.rm.id, `risk add "Vendor SLA" severity:5 likelihood:4 owner:<@${CAST.devops.id}>`);
  await t.command(CAST.rm.id, 'risk add "Nobody owns me" severity:2 likelihood:1');

  // first report by hand: the baseline for the trend
  const now = await t.command(CAST.po.id, 'risk report now');
  expect(now.visible).toContain('posted');
  expect(reports(t)).toHaveLength(1);
  expect(visibleText(reports(t)[0])).toContain('first report');
  t.clock.advance(60_000);

  await t.command(CAST.qa.id, 'risk add "Test lab capacity" severity:4 likelihood:2');
  await t.command(CAST.rm.id, 'risk close 3 not a risk');

  // Monday 2026-11-30 10:00 Berlin = 09:00Z: the review request
  t.clock.set('2026-11-30T09:00:00Z');
  await t.tick();
  const review = t.fake.messages(CHANNEL).find((m) => m.text.startsWith('Weekly risk review'));
  if (!review) throw new Error('no review request');
  const reviewText = visibleText(review);
  expect(reviewText).toContain(`<@${CAST.tech.id}>, please review`);
  expect(reviewText).toContain(`<@${CAST.devops.id}>, please review`);
  expect(reviewText).toContain('Add progress note');
  expect(reviewText).toContain('Add feature status');

  // DevOps says their risk is mitigated; the RM adds a progress note
  await t.driver.clickButton({
    userId: CAST.devops.id,
    channelId: CHANNEL,
    messageTs: review.ts,
    actionId: 'risk_mitigated',
    value: '2',
  });
  await t.fake.waitFor(() => t.fake.ephemerals({ userId: CAST.devops.id }).find((e) => e.text.includes('mitigated')));
  await t.driver.clickButton({ userId: CAST.rm.id, channelId: CHANNEL, messageTs: review.ts, actionId: 'weekly_note' });
  const noteView = await t.fake.waitFor(() => t.fake.openViews(CAST.rm.id).at(-1));
  await t.driver.submitView({
    userId: CAST.rm.id,
    viewId: String(noteView.id),
    values: { weekly_note: { value: 'On track for QA' } },
  });

  // the report after the 4 h collection time
  t.clock.set('2026-11-30T13:00:00Z');
  await t.tick();
  await t.tick();
  expect(reports(t)).toHaveLength(2);
  const report = reports(t)[1];
  const text = visibleText(report);
  // Sections do not overlap: each risk is in one of them.
  const top = text.slice(text.indexOf('Top open risks'), text.indexOf('Changed since'));
  expect(top.indexOf('Schema migration')).toBeLessThan(top.indexOf('Test lab capacity'));
  expect(top).toMatch(/Test lab capacity\* — _new_/);
  expect(top).not.toContain('Vendor SLA');
  const changed = text.slice(text.indexOf('Changed since'), text.indexOf('Closed since'));
  expect(changed).toContain('Vendor SLA* — open → mitigated');
  expect(changed).not.toContain('Test lab capacity');
  expect(text.slice(text.indexOf('Closed since'))).toContain('Nobody owns me');
  for (const title of ['Schema migration', 'Test lab capacity', 'Vendor SLA', 'Nobody owns me']) {
    expect(text.split(`${title}*`).length - 1).toBe(1);
  }
  // Mitigated risks are not open exposure: 12 + 8 open now, against 12 + 20 + 2 last time.
  expect(text).toContain('*Open risks* 2 (high 1 · medium 1 · low 0) · *Open exposure* 20 · *Mitigated* 1');
  expect(text).toContain('open ↓ -1 · exposure ↓ -14');
  // Each person is mentioned once, in the review line; elsewhere by name.
  expect(text).toContain(`*Needs your review*: <@${CAST.tech.id}> review #1 · <@${CAST.rm.id}> give #4 an owner"`);
  const mentions = [...text.matchAll(/<@([A-Z0-9]+)/g)].map((m) => m[1]);
  expect(mentions).toEqual([CAST.tech.id, CAST.rm.id]);
  expect(text).toContain('owner utech');
  expect(text).toContain('*Progress* (urm)\\nOn track for QA');
  expect(text).toContain('in 10 days');

  // The two charts go into the report's thread, as PNGs, once however often the timers run.
  await t.tick();
  await t.tick();
  const shares = t.fake.thread(CHANNEL, String(report?.ts)).filter((m) => m.files);
  expect(shares).toHaveLength(1);
  const charts = t.fake.files.filter((f) => f.threadTs === report?.ts);
  expect(charts.map((f) => f.filename)).toEqual([
    expect.stringMatching(/^risk-heat-map-\d+-\d+\.png$/),
    expect.stringMatching(/^risk-trend-\d+-\d+\.png$/),
  ]);
  for (const chart of charts) {
    const size = pngSize(chart.bytes);
    expect(size.width).toBeGreaterThanOrEqual(800);
    expect(size.width).toBeLessThanOrEqual(2400);
    expect(size.height).toBeGreaterThanOrEqual(600);
    expect(size.height).toBeLessThanOrEqual(2400);
  }
  expect(charts[0]?.altText).toContain('severity 3 × likelihood 4 (score 12): #1');
  expect(charts[1]?.altText).toContain('target 2026-12-10');
  expect(charts[1]?.altText).toMatch(/2026-11-23 exposure 34, 3 open.*2026-11-30 exposure 20, 2 open/);
  // The first report (by hand) got its own charts too.
  expect(t.fake.files.filter((f) => f.threadTs === reports(t)[0]?.ts)).toHaveLength(2);
  expect(t.fake.callsTo('files.completeUploadExternal')).toHaveLength(2);
}, 60_000);
