import { describe, expect, test } from 'vitest';
import { at, insertRelease, type StoreHarness, TEAM } from './harness.ts';

export function releaseContract(harness: StoreHarness): void {
  describe(`${harness.name}: releases and roles`, () => {
    test('a release comes back as inserted, to the millisecond, in planning', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store, { name: 'Rel 2.4.0', windowStart: null, windowEnd: null });
      expect(release).toEqual({
        id: release.id,
        teamId: TEAM,
        channelId: release.channelId,
        name: 'Rel 2.4.0',
        targetDate: '2026-12-10',
        windowStart: null,
        windowEnd: null,
        timeZone: 'Europe/Berlin',
        status: 'planning',
        createdBy: 'URM',
        createdAt: at('2026-11-23T09:00:00.123Z'),
        updatedAt: at('2026-11-23T09:00:00.123Z'),
        shippedAt: null,
        endedAt: null,
      });
      expect(await store.releases.findById(release.id)).toEqual(release);
      expect(await store.releases.findById(release.id + 1000)).toBeUndefined();
    });

    test('names are found regardless of case and spaces, per workspace, and are unique that way', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store, { name: 'Orion' });
      expect((await store.releases.findByName(TEAM, '  oRION '))?.id).toBe(release.id);
      expect(await store.releases.findByName('T0OTHER', 'orion')).toBeUndefined();
      await expect(insertRelease(store, { name: 'ORION' })).rejects.toThrow();
      expect((await insertRelease(store, { name: 'orion', teamId: 'T0OTHER' })).teamId).toBe('T0OTHER');
    });

    test('one active release per channel; an ended one leaves the channel free', async () => {
      const { store } = await harness.open();
      const first = await insertRelease(store, { channelId: 'CSHARED' });
      expect((await store.releases.findActiveInChannel(TEAM, 'CSHARED'))?.id).toBe(first.id);
      await expect(insertRelease(store, { channelId: 'CSHARED' })).rejects.toThrow();
      await store.releases.setStatus(first.id, 'cancelled', at('2026-11-24T10:00:00Z'));
      expect(await store.releases.findActiveInChannel(TEAM, 'CSHARED')).toBeUndefined();
      const second = await insertRelease(store, { channelId: 'CSHARED' });
      expect((await store.releases.findActiveInChannel(TEAM, 'CSHARED'))?.id).toBe(second.id);
    });

    test('reschedule moves the dates and keeps every change, oldest first; an unknown release is an error', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const other = await insertRelease(store);
      const first = {
        releaseId: release.id,
        before: { targetDate: '2026-12-10', windowStart: '2026-12-01', windowEnd: '2026-12-12' },
        after: { targetDate: '2026-12-17', windowStart: '2026-12-08', windowEnd: '2026-12-19' },
        reason: 'payments API slipped a week',
        changedBy: 'URM',
        changedAt: at('2026-11-25T10:00:00.456Z'),
      };
      const moved = await store.transaction(() => store.releases.reschedule(first));
      expect([moved.targetDate, moved.windowStart, moved.windowEnd, moved.updatedAt]).toEqual([
        '2026-12-17',
        '2026-12-08',
        '2026-12-19',
        at('2026-11-25T10:00:00.456Z'),
      ]);
      expect(await store.releases.findById(release.id)).toEqual(moved);
      const second = {
        ...first,
        before: first.after,
        after: { targetDate: '2026-12-18', windowStart: null, windowEnd: null },
        reason: 'no window after all',
        changedAt: at('2026-11-26T10:00:00Z'),
      };
      await store.transaction(() => store.releases.reschedule(second));
      const changes = await store.releases.scheduleChanges(release.id);
      expect(changes.map(({ id: _id, ...change }) => change)).toEqual([first, second]);
      expect(changes[0]!.id).toBeLessThan(changes[1]!.id);
      expect(await store.releases.scheduleChanges(other.id)).toEqual([]);
      expect((await store.releases.findById(other.id))?.targetDate).toBe('2026-12-10');
      await expect(
        store.transaction(() => store.releases.reschedule({ ...first, releaseId: release.id + 1000 })),
      ).rejects.toThrow();
    });

    test('setStatus stamps shipping and ending; an unknown release is an error', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const shipped = await store.releases.setStatus(release.id, 'shipped', at('2026-12-10T12:00:00Z'));
      expect([shipped.status, shipped.shippedAt, shipped.endedAt, shipped.updatedAt]).toEqual([
        'shipped',
        at('2026-12-10T12:00:00Z'),
        null,
        at('2026-12-10T12:00:00Z'),
      ]);
      const done = await store.releases.setStatus(release.id, 'done', at('2026-12-11T12:00:00Z'));
      expect([done.status, done.shippedAt, done.endedAt]).toEqual([
        'done',
        at('2026-12-10T12:00:00Z'),
        at('2026-12-11T12:00:00Z'),
      ]);
      await expect(store.releases.setStatus(release.id + 1000, 'done', at('2026-12-11T12:00:00Z'))).rejects.toThrow(
        'does not exist',
      );
    });

    test('active releases by target date; finished ones newest first, limited', async () => {
      const { store } = await harness.open();
      const late = await insertRelease(store, { targetDate: '2026-12-20' });
      const early = await insertRelease(store, { targetDate: '2026-12-01' });
      const sameDay = await insertRelease(store, { targetDate: '2026-12-20' });
      await insertRelease(store, { teamId: 'T0OTHER' });
      const ended: number[] = [];
      for (const [i, status] of (['done', 'rolled_back', 'cancelled'] as const).entries()) {
        const release = await insertRelease(store);
        await store.releases.setStatus(release.id, status, at(`2026-12-0${i + 1}T10:00:00Z`));
        ended.push(release.id);
      }
      expect((await store.releases.listActive(TEAM)).map((r) => r.id)).toEqual([early.id, late.id, sameDay.id]);
      expect((await store.releases.listFinished(TEAM, 2)).map((r) => r.id)).toEqual([ended[2], ended[1]]);
      expect(await store.releases.listFinished('T0NOBODY', 5)).toEqual([]);
    });

    test('roles come back in the order they were given, once each; unassigning says whether it did', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const when = at('2026-11-23T10:00:00Z');
      for (const userId of ['UZED', 'UAMY', 'UMID']) {
        await store.releases.assign({
          releaseId: release.id,
          role: 'qa_lead',
          userId,
          assignedBy: 'URM',
          assignedAt: when,
        });
      }
      await store.releases.assign({
        releaseId: release.id,
        role: 'rm',
        userId: 'URM',
        assignedBy: 'URM',
        assignedAt: at('2026-11-23T09:00:00Z'),
      });
      await store.releases.assign({
        releaseId: release.id,
        role: 'qa_lead',
        userId: 'UZED',
        assignedBy: 'UX',
        assignedAt: when,
      });
      expect(await store.releases.assignments(release.id)).toEqual([
        { releaseId: release.id, role: 'rm', userId: 'URM', assignedBy: 'URM', assignedAt: at('2026-11-23T09:00:00Z') },
        { releaseId: release.id, role: 'qa_lead', userId: 'UZED', assignedBy: 'URM', assignedAt: when },
        { releaseId: release.id, role: 'qa_lead', userId: 'UAMY', assignedBy: 'URM', assignedAt: when },
        { releaseId: release.id, role: 'qa_lead', userId: 'UMID', assignedBy: 'URM', assignedAt: when },
      ]);
      expect(await store.releases.unassign(release.id, 'qa_lead', 'UAMY')).toBe(true);
      expect(await store.releases.unassign(release.id, 'qa_lead', 'UAMY')).toBe(false);
      await store.releases.assign({
        releaseId: release.id,
        role: 'qa_lead',
        userId: 'UAMY',
        assignedBy: 'URM',
        assignedAt: when,
      });
      expect((await store.releases.assignments(release.id)).map((a) => a.userId)).toEqual([
        'URM',
        'UZED',
        'UMID',
        'UAMY',
      ]);
    });

    test("a member's releases are the active ones where they hold a role, by target date", async () => {
      const { store } = await harness.open();
      const later = await insertRelease(store, { targetDate: '2026-12-20' });
      const sooner = await insertRelease(store, { targetDate: '2026-12-05' });
      const ended = await insertRelease(store, { targetDate: '2026-12-01' });
      await insertRelease(store);
      for (const release of [later, sooner, ended]) {
        await store.releases.assign({
          releaseId: release.id,
          role: 'devops',
          userId: 'UDEV',
          assignedBy: 'URM',
          assignedAt: at('2026-11-23T10:00:00Z'),
        });
      }
      await store.releases.setStatus(ended.id, 'done', at('2026-12-01T10:00:00Z'));
      expect((await store.releases.listForMember(TEAM, 'UDEV')).map((r) => r.id)).toEqual([sooner.id, later.id]);
      expect(await store.releases.listForMember(TEAM, 'UNOBODY')).toEqual([]);
    });
  });

  describe(`${harness.name}: absences`, () => {
    test('absences are history: a new one ends the running one the day before, away off ends it by date', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const other = await insertRelease(store, { name: 'Other' });
      const away = {
        releaseId: release.id,
        userId: 'UTECH',
        fromDate: '2026-11-23',
        untilDate: '2026-12-04',
        delegateId: 'ULEE',
        mayDecide: false,
        setAt: at('2026-11-23T09:00:00Z'),
      };
      await store.releases.setAbsence(away);
      await store.releases.setAbsence({ ...away, releaseId: other.id, delegateId: null });
      // Replaced the next day: the first is kept through the 23rd.
      const replaced = {
        ...away,
        fromDate: '2026-11-24',
        untilDate: '2026-12-05',
        mayDecide: true,
        setAt: at('2026-11-24T09:00:00Z'),
      };
      await store.releases.setAbsence(replaced);
      expect(await store.releases.absences(release.id)).toEqual([{ ...away, untilDate: '2026-11-23' }, replaced]);
      // Replaced again the same day: the one begun that day is replaced, not kept.
      const same = { ...replaced, untilDate: '2026-12-06', setAt: at('2026-11-24T10:00:00Z') };
      await store.releases.setAbsence(same);
      expect(await store.releases.absences(release.id)).toEqual([{ ...away, untilDate: '2026-11-23' }, same]);
      // Back on the 26th: kept through the 25th; a second "back" changes nothing.
      expect(await store.releases.endAbsence(release.id, 'UTECH', '2026-11-26')).toBe(true);
      expect(await store.releases.endAbsence(release.id, 'UTECH', '2026-11-26')).toBe(false);
      expect(await store.releases.absences(release.id)).toEqual([
        { ...away, untilDate: '2026-11-23' },
        { ...same, untilDate: '2026-11-25' },
      ]);
      // Away and back the same day: nothing is kept of it.
      await store.releases.setAbsence({
        ...away,
        fromDate: '2026-11-27',
        untilDate: '2026-11-27',
        setAt: at('2026-11-27T09:00:00Z'),
      });
      expect(await store.releases.endAbsence(release.id, 'UTECH', '2026-11-27')).toBe(true);
      expect(await store.releases.absences(release.id)).toHaveLength(2);
      expect(await store.releases.absences(other.id)).toHaveLength(1);
    });
  });

  describe(`${harness.name}: audit log`, () => {
    test("a release's entries, oldest first, with what was absent still absent and JSON keys in order", async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const other = await insertRelease(store);
      await store.audit.record({
        teamId: TEAM,
        releaseId: release.id,
        actorId: 'URM',
        action: 'release.created',
        at: at('2026-11-23T09:00:00Z'),
      });
      await store.audit.record({
        teamId: TEAM,
        releaseId: other.id,
        actorId: 'URM',
        action: 'x',
        at: at('2026-11-23T09:00:00Z'),
      });
      await store.audit.record({
        teamId: TEAM,
        releaseId: release.id,
        actorId: 'URM',
        action: 'role.assigned',
        subject: 'qa_lead:UQA',
        before: null,
        after: { zeta: 1, alpha: [true, 'two'], mid: { b: 1, a: 2 } },
        at: at('2026-11-23T09:05:00.007Z'),
      });
      await store.audit.record({
        teamId: TEAM,
        releaseId: null,
        actorId: 'system',
        action: 'boot',
        at: at('2026-11-23T09:00:00Z'),
      });
      const entries = await store.audit.forRelease(release.id);
      expect(entries).toEqual([
        {
          id: entries[0]!.id,
          teamId: TEAM,
          releaseId: release.id,
          actorId: 'URM',
          action: 'release.created',
          subject: undefined,
          before: undefined,
          after: undefined,
          at: at('2026-11-23T09:00:00Z'),
        },
        {
          id: entries[1]!.id,
          teamId: TEAM,
          releaseId: release.id,
          actorId: 'URM',
          action: 'role.assigned',
          subject: 'qa_lead:UQA',
          before: null,
          after: { zeta: 1, alpha: [true, 'two'], mid: { b: 1, a: 2 } },
          at: at('2026-11-23T09:05:00.007Z'),
        },
      ]);
      expect(entries[0]!.id).toBeLessThan(entries[1]!.id);
      expect(JSON.stringify(entries[1]!.after)).toBe('{"zeta":1,"alpha":[true,"two"],"mid":{"b":1,"a":2}}');
    });
  });
}
