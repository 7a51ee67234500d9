import { describe, expect, test } from 'vitest';
import type { Escalation, NewEscalation } from '../../../../src/escalation/domain/escalation.ts';
import { at, insertRelease, type StoreHarness, TEAM } from './harness.ts';

function raised(releaseId: number, iso: string, overrides: Partial<NewEscalation> = {}): NewEscalation {
  return {
    teamId: TEAM,
    releaseId,
    category: 'blocker',
    summary: 'the build is red',
    raisedBy: 'UQA',
    raisedAt: at(iso),
    level: 2,
    status: 'open',
    step: 0,
    nextStepAt: new Date(at(iso).getTime() + 3_600_000),
    history: [{ level: 2, postedAt: iso, via: 'raised', by: 'UQA', acknowledgedAt: null, acknowledgedBy: null }],
    ...overrides,
  };
}

export function escalationContract(harness: StoreHarness): void {
  describe(`${harness.name}: escalations`, () => {
    test('an escalation keeps its whole state through acknowledgement and resolution', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const open = await store.escalations.insert(raised(release.id, '2026-12-01T10:00:00Z', { category: null }));
      expect(open).toEqual({ ...raised(release.id, '2026-12-01T10:00:00Z', { category: null }), id: open.id });
      expect(await store.escalations.findById(open.id)).toEqual(open);
      if (open.status !== 'open') throw new Error(`a new escalation is ${open.status}`);
      const { nextStepAt: _nextStepAt, ...settled } = open;
      const acknowledged: Escalation = {
        ...settled,
        status: 'acknowledged',
        acknowledgedBy: 'UTECH',
        acknowledgedAt: at('2026-12-01T10:10:00Z'),
        step: 1,
        level: 3,
      };
      await store.escalations.save(acknowledged);
      expect(await store.escalations.findById(open.id)).toEqual(acknowledged);
      const resolved: Escalation = {
        ...acknowledged,
        status: 'resolved',
        resolvedBy: 'UTECH',
        resolvedAt: at('2026-12-01T11:00:00Z'),
        resolution: 'fixed',
      };
      await store.escalations.save(resolved);
      expect(await store.escalations.findById(open.id)).toEqual(resolved);
      const stale = await store.escalations.insert(raised(release.id, '2026-12-01T10:00:00Z'));
      const expired: Escalation = {
        ...settled,
        id: stale.id,
        status: 'expired',
        expiredAt: at('2026-12-09T10:00:00Z'),
      };
      await store.escalations.save(expired);
      expect(await store.escalations.findById(expired.id)).toEqual(expired);
      expect(await store.escalations.findById(expired.id + 1000)).toBeUndefined();
    });

    test('listed oldest first: active ones per team, all of a release, those raised since a time', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const other = await insertRelease(store, { teamId: 'T0OTHER' });
      const late = await store.escalations.insert(raised(release.id, '2026-12-02T10:00:00Z'));
      const early = await store.escalations.insert(raised(release.id, '2026-12-01T10:00:00Z'));
      const done = await store.escalations.insert(raised(release.id, '2026-12-01T12:00:00Z'));
      await store.escalations.save({
        ...done,
        status: 'resolved',
        acknowledgedBy: null,
        acknowledgedAt: null,
        resolvedBy: 'U',
        resolvedAt: at('2026-12-01T13:00:00Z'),
        resolution: '',
      });
      await store.escalations.insert(raised(other.id, '2026-12-01T09:00:00Z', { teamId: 'T0OTHER' }));
      expect((await store.escalations.listActive(TEAM)).map((e) => e.id)).toEqual([early.id, late.id]);
      expect((await store.escalations.listForRelease(release.id)).map((e) => e.id)).toEqual([
        early.id,
        done.id,
        late.id,
      ]);
      expect((await store.escalations.listRaisedSince(TEAM, at('2026-12-01T12:00:00Z'))).map((e) => e.id)).toEqual([
        done.id,
        late.id,
      ]);
    });

    test('each posted message is recorded once per step and kind, listed by step', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const escalation = await store.escalations.insert(raised(release.id, '2026-12-01T10:00:00Z'));
      const message = (step: number, kind: 'level' | 'notice', ts: string) => ({
        escalationId: escalation.id,
        step,
        kind,
        level: 2 as const,
        channelId: 'C1',
        ts,
        postedAt: at('2026-12-01T10:00:00Z'),
      });
      expect(await store.escalations.addMessage(message(1, 'notice', '1.3'))).toBe(true);
      expect(await store.escalations.addMessage(message(0, 'notice', '1.2'))).toBe(true);
      expect(await store.escalations.addMessage(message(0, 'level', '1.1'))).toBe(true);
      expect(await store.escalations.addMessage(message(0, 'level', '9.9'))).toBe(false);
      expect(await store.escalations.messages(escalation.id)).toEqual([
        message(0, 'level', '1.1'),
        message(0, 'notice', '1.2'),
        message(1, 'notice', '1.3'),
      ]);
    });

    test("a team's level settings, by level, saved in place", async () => {
      const { store } = await harness.open();
      const setting = (level: 1 | 2 | 3, channelId: string, pings: string[]) => ({
        teamId: TEAM,
        level,
        channelId,
        pings,
        ackMs: 7 * 86_400_000,
        updatedBy: 'URM',
        updatedAt: at('2026-12-01T10:00:00Z'),
      });
      await store.escalations.saveLevelSetting(setting(3, 'CEXEC', ['UCEO']));
      await store.escalations.saveLevelSetting(setting(2, 'CMGR', ['S0MGRS', 'UBOSS']));
      await store.escalations.saveLevelSetting(setting(3, 'CEXEC2', []));
      expect(await store.escalations.levelSettings(TEAM)).toEqual([
        setting(2, 'CMGR', ['S0MGRS', 'UBOSS']),
        setting(3, 'CEXEC2', []),
      ]);
      expect(await store.escalations.levelSettings('T0OTHER')).toEqual([]);
    });
  });
}
