import { describe, expect, test } from 'vitest';
import { DEFAULT_CADENCE } from '../../../../src/cadence/domain/schedule.ts';
import { occurrenceKey } from '../../../../src/cadence/ports.ts';
import { MAX_OCCURRENCE_ATTEMPTS } from '../../../../src/cadence/store/cadence-store.ts';
import { at, insertRelease, type StoreHarness } from './harness.ts';

const SLOT = '2026-11-23';
const DUE = at('2026-11-23T09:30:00Z');

export function cadenceContract(harness: StoreHarness): void {
  describe(`${harness.name}: scheduled runs (occurrences)`, () => {
    test('a slot is claimed by one owner; the others are told no', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const claim = (owner: string, now = DUE) =>
        store.cadence.claim({ releaseId: release.id, job: 'standup', slot: SLOT, dueAt: DUE, owner, now });
      expect(await claim('p1')).toBe(true);
      expect(await claim('p2')).toBe(false);
      expect(await claim('p1')).toBe(false);
      expect(
        await store.cadence.claim({
          releaseId: release.id,
          job: 'risk_weekly',
          slot: SLOT,
          dueAt: DUE,
          owner: 'p2',
          now: DUE,
        }),
      ).toBe(true);
      expect(await store.cadence.find(release.id, 'standup', SLOT)).toEqual({
        releaseId: release.id,
        job: 'standup',
        slot: SLOT,
        dueAt: DUE,
        status: 'claimed',
        claimedAt: DUE,
        finishedAt: null,
        note: null,
      });
      expect(await store.cadence.find(release.id, 'standup', '2026-11-24')).toBeUndefined();
    });

    test('a claim older than the lease is taken over; a fresh one is not', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const claim = (owner: string, now: Date) =>
        store.cadence.claim({ releaseId: release.id, job: 'standup', slot: SLOT, dueAt: DUE, owner, now });
      expect(await claim('dead', DUE)).toBe(true);
      expect(await claim('alive', new Date(DUE.getTime() + 5 * 60_000))).toBe(false);
      expect(await claim('alive', new Date(DUE.getTime() + 5 * 60_000 + 1))).toBe(true);
      expect((await store.cadence.find(release.id, 'standup', SLOT))?.claimedAt).toEqual(
        new Date(DUE.getTime() + 5 * 60_000 + 1),
      );
    });

    test('a failed run is claimed again until its attempts run out, then listed as missed', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const claim = () =>
        store.cadence.claim({ releaseId: release.id, job: 'standup', slot: SLOT, dueAt: DUE, owner: 'p', now: DUE });
      expect(await claim()).toBe(true);
      for (let attempt = 1; attempt < MAX_OCCURRENCE_ATTEMPTS; attempt += 1) {
        await store.cadence.finish(release.id, 'standup', SLOT, 'failed', DUE, `boom ${attempt}`);
        expect(await store.cadence.missed(release.id, 10)).toEqual([]);
        expect(await claim()).toBe(true);
      }
      await store.cadence.finish(release.id, 'standup', SLOT, 'failed', at('2026-11-23T09:31:00Z'), 'gave up');
      expect(await claim()).toBe(false);
      expect(await store.cadence.missed(release.id, 10)).toEqual([
        expect.objectContaining({
          slot: SLOT,
          status: 'failed',
          note: 'gave up',
          finishedAt: at('2026-11-23T09:31:00Z'),
        }),
      ]);
    });

    test('a missed run is recorded once, newest first in the list, and claimed only when asked for by hand', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const missed = (slot: string, due: Date) =>
        store.cadence.recordMissed({
          releaseId: release.id,
          job: 'standup',
          slot,
          dueAt: due,
          now: at('2026-11-25T08:00:00Z'),
        });
      expect(await missed('2026-11-23', at('2026-11-23T09:30:00Z'))).toBe(true);
      expect(await missed('2026-11-23', at('2026-11-23T09:30:00Z'))).toBe(false);
      expect(await missed('2026-11-24', at('2026-11-24T09:30:00Z'))).toBe(true);
      expect(
        await store.cadence.claim({
          releaseId: release.id,
          job: 'standup',
          slot: '2026-11-25',
          dueAt: DUE,
          owner: 'p',
          now: DUE,
        }),
      ).toBe(true);
      expect(await missed('2026-11-25', at('2026-11-25T09:30:00Z'))).toBe(false);
      // What the scheduler reads once a tick: every key on record due at or after the moment, missed or claimed.
      const recorded = (since: string) => store.cadence.recordedSince(at(since)).then((keys) => [...keys].sort());
      expect(await recorded('2026-11-23T09:30:00Z')).toEqual([
        occurrenceKey(release.id, 'standup', '2026-11-23'),
        occurrenceKey(release.id, 'standup', '2026-11-24'),
        occurrenceKey(release.id, 'standup', '2026-11-25'),
      ]);
      expect(await recorded('2026-11-24T09:30:00Z')).toEqual([occurrenceKey(release.id, 'standup', '2026-11-24')]);
      expect(await recorded('2026-11-24T09:31:00Z')).toEqual([]);
      expect((await store.cadence.missed(release.id, 10)).map((o) => [o.slot, o.status, o.finishedAt])).toEqual([
        ['2026-11-24', 'missed', at('2026-11-25T08:00:00Z')],
        ['2026-11-23', 'missed', at('2026-11-25T08:00:00Z')],
      ]);
      expect((await store.cadence.missed(release.id, 1)).map((o) => o.slot)).toEqual(['2026-11-24']);
      const byHand = (includeMissed: boolean) =>
        store.cadence.claim({
          releaseId: release.id,
          job: 'standup',
          slot: '2026-11-23',
          dueAt: DUE,
          owner: 'p',
          now: DUE,
          includeMissed,
        });
      expect(await byHand(false)).toBe(false);
      expect(await byHand(true)).toBe(true);
      await store.cadence.finish(release.id, 'standup', '2026-11-23', 'done', at('2026-11-25T08:01:00Z'));
      expect(await store.cadence.find(release.id, 'standup', '2026-11-23')).toMatchObject({
        status: 'done',
        finishedAt: at('2026-11-25T08:01:00Z'),
        note: null,
      });
    });

    test('cadence settings: the defaults until saved, then what was saved, saved again in place', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      expect(await store.cadence.config(release.id)).toEqual(DEFAULT_CADENCE);
      const config = {
        ...DEFAULT_CADENCE,
        standupTime: 8 * 60 + 15,
        workingDays: [0, 2, 4],
        reminderAfterMs: 90 * 60_000,
        cutoffAfterMs: 24 * 3_600_000,
        holidays: { dates: ['2026-12-24'], yearly: ['--12-25'] },
        riskDay: 5,
        riskTime: 14 * 60,
        riskCollectMs: 3 * 86_400_000,
        updatedAt: at('2026-11-23T10:00:00.001Z'),
      };
      await store.cadence.saveConfig(release.id, config, 'URM');
      expect(await store.cadence.config(release.id)).toEqual(config);
      await store.cadence.saveConfig(release.id, { ...config, workingDays: [1], updatedAt: null }, 'URM');
      expect(await store.cadence.config(release.id)).toEqual({ ...config, workingDays: [1], updatedAt: new Date(0) });
    });

    test('the schedule runs for the active releases of every workspace, oldest first', async () => {
      const { store } = await harness.open();
      const a = await insertRelease(store);
      const b = await insertRelease(store, { teamId: 'T0OTHER' });
      const ended = await insertRelease(store);
      await store.releases.setStatus(ended.id, 'done', at('2026-11-24T10:00:00Z'));
      const shipped = await insertRelease(store, { status: 'shipped' });
      const active = await store.cadence.activeReleases();
      expect(active.map((r) => r.id)).toEqual([a.id, b.id, shipped.id]);
      expect(active[0]).toEqual(await store.releases.findById(a.id));
    });
  });

  describe(`${harness.name}: standups`, () => {
    test("a day's standup is created once and updated in place", async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const first = await store.standups.open({ releaseId: release.id, slot: SLOT, channelId: 'C1', at: DUE });
      const again = await store.standups.open({
        releaseId: release.id,
        slot: SLOT,
        channelId: 'C2',
        at: at('2026-11-23T10:00:00Z'),
      });
      expect(again).toEqual(first);
      expect(first).toEqual({
        id: first.id,
        releaseId: release.id,
        slot: SLOT,
        channelId: 'C1',
        messageTs: null,
        promptedAt: DUE,
        remindedAt: null,
        summaryTs: null,
        summarizedAt: null,
      });
      await store.standups.setMessage(first.id, '1.1');
      await store.standups.setReminded(first.id, at('2026-11-23T11:30:00Z'));
      await store.standups.setSummary(first.id, '1.2', at('2026-11-23T13:30:00Z'));
      expect(await store.standups.findBySlot(release.id, SLOT)).toEqual({
        ...first,
        messageTs: '1.1',
        remindedAt: at('2026-11-23T11:30:00Z'),
        summaryTs: '1.2',
        summarizedAt: at('2026-11-23T13:30:00Z'),
      });
      expect(await store.standups.findById(first.id + 1000)).toBeUndefined();
      expect(await store.standups.findBySlot(release.id, '2026-11-24')).toBeUndefined();
    });

    test('a DM prompt is claimed once per person; a dead claim is taken over after the lease; one reminder', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const standup = await store.standups.open({ releaseId: release.id, slot: SLOT, channelId: 'C1', at: DUE });
      const claim = (userId: string, owner: string, now: Date) =>
        store.standups.claimDm({ standupId: standup.id, userId, dueAt: DUE, timeZone: 'America/New_York', owner, now });
      expect(await claim('UTECH', 'p1', DUE)).toBe(true);
      expect(await claim('UTECH', 'p2', DUE)).toBe(false);
      expect(await claim('UQA', 'p2', DUE)).toBe(true);
      // p1 died before recording the DM: after the 5-minute lease another process takes it over
      expect(await claim('UTECH', 'p2', at('2026-11-23T09:34:00Z'))).toBe(false);
      expect(await claim('UTECH', 'p2', at('2026-11-23T09:36:00Z'))).toBe(true);
      await store.standups.setDmMessage(standup.id, 'UQA', 'D0QA', '5.1');
      expect(await claim('UQA', 'p3', at('2026-11-23T10:00:00Z'))).toBe(false); // posted: never again
      expect(await store.standups.claimDmReminder(standup.id, 'UQA', at('2026-11-23T11:00:00Z'))).toBe(true);
      expect(await store.standups.claimDmReminder(standup.id, 'UQA', at('2026-11-23T11:00:01Z'))).toBe(false);
      expect(await store.standups.dms(standup.id)).toEqual([
        {
          standupId: standup.id,
          userId: 'UTECH',
          dueAt: DUE,
          timeZone: 'America/New_York',
          channelId: null,
          messageTs: null,
          remindedAt: null,
        },
        {
          standupId: standup.id,
          userId: 'UQA',
          dueAt: DUE,
          timeZone: 'America/New_York',
          channelId: 'D0QA',
          messageTs: '5.1',
          remindedAt: at('2026-11-23T11:00:00Z'),
        },
      ]);
    });

    test('standups by day; answers by when they were given, merged per person', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const tuesday = await store.standups.open({
        releaseId: release.id,
        slot: '2026-11-24',
        channelId: 'C1',
        at: DUE,
      });
      const monday = await store.standups.open({ releaseId: release.id, slot: '2026-11-23', channelId: 'C1', at: DUE });
      expect((await store.standups.listForRelease(release.id)).map((s) => s.id)).toEqual([monday.id, tuesday.id]);

      const qa = await store.standups.saveAnswer({
        standupId: monday.id,
        userId: 'UQA',
        answers: { qa_lead: { yesterday: 'tests', today: 'more tests' } },
        at: at('2026-11-23T10:00:00Z'),
      });
      const tech = await store.standups.saveAnswer({
        standupId: monday.id,
        userId: 'UTECH',
        answers: { tech_lead: { blockers: 'none' } },
        at: at('2026-11-23T09:45:00Z'),
      });
      const merged = await store.standups.saveAnswer({
        standupId: monday.id,
        userId: 'UQA',
        answers: { devops: { today: 'deploy' }, qa_lead: { yesterday: 'tests', today: 'fewer tests' } },
        at: at('2026-11-23T11:00:00Z'),
      });
      expect(merged).toEqual({
        id: qa.id,
        standupId: monday.id,
        userId: 'UQA',
        answers: { qa_lead: { yesterday: 'tests', today: 'fewer tests' }, devops: { today: 'deploy' } },
        answeredBy: null,
        replyTs: null,
        answeredAt: at('2026-11-23T10:00:00Z'),
        updatedAt: at('2026-11-23T11:00:00Z'),
      });
      await store.standups.setAnswerReply(qa.id, '1.5');
      expect((await store.standups.answers(monday.id)).map((a) => [a.userId, a.replyTs])).toEqual([
        ['UTECH', null],
        ['UQA', '1.5'],
      ]);
      expect(await store.standups.findAnswer(tech.id)).toEqual(tech);
      expect(await store.standups.findAnswer(tech.id + 1000)).toBeUndefined();
      expect(await store.standups.answers(tuesday.id)).toEqual([]);

      // A delegate answers for the away holder: the holder's row, answered_by the delegate; the last save sets it.
      const forTech = await store.standups.saveAnswer({
        standupId: monday.id,
        userId: 'UTECH',
        answers: { tech_lead: { blockers: 'review' } },
        answeredBy: 'UDELEGATE',
        at: at('2026-11-23T11:30:00Z'),
      });
      expect(forTech).toMatchObject({ id: tech.id, userId: 'UTECH', answeredBy: 'UDELEGATE' });
      expect(await store.standups.findAnswer(tech.id)).toEqual(forTech);
      const fresh = await store.standups.saveAnswer({
        standupId: tuesday.id,
        userId: 'UQA',
        answers: { qa_lead: { passed: '1' } },
        answeredBy: 'UDELEGATE',
        at: at('2026-11-24T10:00:00Z'),
      });
      expect((await store.standups.findAnswer(fresh.id))?.answeredBy).toBe('UDELEGATE');
      const back = await store.standups.saveAnswer({
        standupId: monday.id,
        userId: 'UTECH',
        answers: { tech_lead: { blockers: 'none' } },
        at: at('2026-11-23T12:00:00Z'),
      });
      expect(back.answeredBy).toBeNull();
    });
  });

  describe(`${harness.name}: risks`, () => {
    test('the register: added open, updated, closed ones left out unless asked for', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const base = {
        releaseId: release.id,
        severity: 3,
        likelihood: 2,
        ownerId: 'UQA',
        mitigation: null,
        dueDate: '2026-12-01',
        createdBy: 'URM',
        createdAt: at('2026-11-23T10:00:00Z'),
      };
      const a = await store.risks.add({ ...base, title: 'flaky tests' });
      expect(a).toEqual({
        ...base,
        id: a.id,
        title: 'flaky tests',
        status: 'open',
        updatedAt: base.createdAt,
        reviewedAt: null,
        closedAt: null,
      });
      const b = await store.risks.add({ ...base, title: 'capacity', ownerId: null, dueDate: null });
      const c = await store.risks.add({ ...base, title: 'vendor' });
      const closed = await store.risks.update(b.id, {
        status: 'closed',
        closedAt: at('2026-11-24T10:00:00Z'),
        updatedAt: at('2026-11-24T10:00:00Z'),
      });
      expect(closed).toMatchObject({ id: b.id, status: 'closed', closedAt: at('2026-11-24T10:00:00Z') });
      await store.risks.update(c.id, { status: 'mitigated', mitigation: 'second vendor', severity: 1 });
      const ids = (risks: Array<{ id: number }>) => risks.map((r) => r.id).sort((x, y) => x - y);
      expect(ids(await store.risks.list(release.id))).toEqual([a.id, c.id]);
      expect(ids(await store.risks.list(release.id, { includeClosed: true }))).toEqual([a.id, b.id, c.id]);
      expect(await store.risks.findById(c.id)).toMatchObject({
        status: 'mitigated',
        mitigation: 'second vendor',
        severity: 1,
      });
      expect(await store.risks.findById(c.id + 1000)).toBeUndefined();
    });

    test("a release's risk history, oldest first, with its before and after", async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const other = await insertRelease(store);
      const risk = (releaseId: number) =>
        store.risks.add({
          releaseId,
          title: 't',
          severity: 2,
          likelihood: 2,
          ownerId: null,
          mitigation: null,
          dueDate: null,
          createdBy: 'URM',
          createdAt: at('2026-11-23T10:00:00Z'),
        });
      const mine = await risk(release.id);
      const theirs = await risk(other.id);
      await store.risks.recordChange({
        riskId: mine.id,
        actorId: 'URM',
        change: 'created',
        before: null,
        after: { title: 't' },
        note: null,
        at: at('2026-11-23T10:00:00Z'),
      });
      await store.risks.recordChange({
        riskId: theirs.id,
        actorId: 'URM',
        change: 'created',
        before: null,
        after: null,
        note: null,
        at: at('2026-11-23T10:00:00Z'),
      });
      await store.risks.recordChange({
        riskId: mine.id,
        actorId: 'UQA',
        change: 'updated',
        before: { severity: 2 },
        after: { severity: 4 },
        note: 'worse',
        at: at('2026-11-23T11:00:00Z'),
      });
      const history = await store.risks.history(release.id);
      expect(history.map(({ id: _id, ...h }) => h)).toEqual([
        {
          riskId: mine.id,
          actorId: 'URM',
          change: 'created',
          before: null,
          after: { title: 't' },
          note: null,
          at: at('2026-11-23T10:00:00Z'),
        },
        {
          riskId: mine.id,
          actorId: 'UQA',
          change: 'updated',
          before: { severity: 2 },
          after: { severity: 4 },
          note: 'worse',
          at: at('2026-11-23T11:00:00Z'),
        },
      ]);
    });

    test('snapshots list oldest first with their bands; a report key keeps only its first snapshot', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const week = (day: string, openCount: number) => ({
        takenAt: at(`2026-11-${day}T13:00:00Z`),
        openCount,
        totalScore: openCount * 5,
        highCount: 1,
        mediumCount: openCount - 1,
        lowCount: 0,
        mitigatedCount: 2,
      });
      await store.risks.saveSnapshot(release.id, week('30', 3), 'risk-report:1:2026-11-30');
      await store.risks.saveSnapshot(release.id, week('30', 9), 'risk-report:1:2026-11-30'); // a retried report
      await store.risks.saveSnapshot(release.id, week('23', 2));
      await store.risks.saveSnapshot(release.id, week('24', 4)); // two by hand, no key: both kept
      await store.risks.saveSnapshot(release.id, {
        takenAt: at('2026-11-16T13:00:00Z'),
        openCount: 1,
        totalScore: 4,
        highCount: 0,
      });
      expect(await store.risks.snapshots(release.id)).toEqual([
        { takenAt: at('2026-11-16T13:00:00Z'), openCount: 1, totalScore: 4, highCount: 0, reportKey: null },
        { ...week('23', 2), reportKey: null },
        { ...week('24', 4), reportKey: null },
        { ...week('30', 3), reportKey: 'risk-report:1:2026-11-30' },
      ]);
      expect(await store.risks.latestSnapshot(release.id)).toEqual(week('30', 3));
    });

    test('the latest snapshot is the newest taken; weekly notes are kept one per person, kind and week', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      expect(await store.risks.latestSnapshot(release.id)).toBeUndefined();
      await store.risks.saveSnapshot(release.id, {
        takenAt: at('2026-11-30T10:00:00Z'),
        openCount: 3,
        totalScore: 20,
        highCount: 1,
      });
      await store.risks.saveSnapshot(release.id, {
        takenAt: at('2026-11-23T10:00:00Z'),
        openCount: 1,
        totalScore: 4,
        highCount: 0,
      });
      expect(await store.risks.latestSnapshot(release.id)).toEqual({
        takenAt: at('2026-11-30T10:00:00Z'),
        openCount: 3,
        totalScore: 20,
        highCount: 1,
      });

      const note = (userId: string, kind: string, text: string, minute: number) =>
        store.risks.saveNote({
          releaseId: release.id,
          slot: '2026-11-30',
          userId,
          kind,
          text,
          at: at(`2026-11-30T10:${minute}:00Z`),
        });
      await note('URM', 'progress', 'on track', 10);
      await note('UPO', 'features', 'two left', 11);
      await note('URM', 'progress', 'slipping', 12);
      await store.risks.saveNote({
        releaseId: release.id,
        slot: '2026-11-23',
        userId: 'URM',
        kind: 'progress',
        text: 'old',
        at: DUE,
      });
      expect(await store.risks.notes(release.id, '2026-11-30')).toEqual([
        { userId: 'URM', kind: 'progress', text: 'slipping', at: at('2026-11-30T10:12:00Z') },
        { userId: 'UPO', kind: 'features', text: 'two left', at: at('2026-11-30T10:11:00Z') },
      ]);
    });
  });

  describe(`${harness.name}: retrospectives`, () => {
    test('opened once; answers kept one per person, replaced in place, oldest first', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      expect(await store.retros.find(release.id)).toBeUndefined();
      const retro = { releaseId: release.id, channelId: 'C1', promptedAt: DUE, closesAt: at('2026-11-25T09:30:00Z') };
      const opened = await store.retros.open(retro);
      expect(opened).toEqual({ ...retro, messageTs: null, summaryTs: null });
      expect(await store.retros.open({ ...retro, channelId: 'C2' })).toEqual(opened);
      await store.retros.setMessage(release.id, '1.1');
      await store.retros.setSummary(release.id, '1.9');
      expect(await store.retros.find(release.id)).toEqual({ ...opened, messageTs: '1.1', summaryTs: '1.9' });

      await store.retros.saveAnswer(release.id, {
        userId: 'UQA',
        answers: { well: 'tests' },
        at: at('2026-11-23T10:00:00Z'),
      });
      await store.retros.saveAnswer(release.id, {
        userId: 'UTECH',
        answers: { well: 'code' },
        at: at('2026-11-23T10:05:00Z'),
      });
      await store.retros.setAnswerReply(release.id, 'UQA', '1.2');
      await store.retros.saveAnswer(release.id, {
        userId: 'UQA',
        answers: { better: 'docs' },
        at: at('2026-11-23T11:00:00Z'),
      });
      expect(await store.retros.answers(release.id)).toEqual([
        { userId: 'UQA', answers: { better: 'docs' }, replyTs: '1.2', at: at('2026-11-23T11:00:00Z') },
        { userId: 'UTECH', answers: { well: 'code' }, replyTs: null, at: at('2026-11-23T10:05:00Z') },
      ]);
    });
  });
}
