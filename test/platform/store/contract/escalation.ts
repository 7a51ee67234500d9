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

    test('an alert is kept per escalation, rewritten in place; the active one is found by release and dedup key', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const other = await insertRelease(store);
      const first = await store.escalations.insert(raised(release.id, '2026-12-01T10:00:00Z'));
      const alert = {
        escalationId: first.id,
        releaseId: release.id,
        dedupKey: 'checkout-errors',
        sourceUrl: 'https://grafana.example.com/d/1',
        fired: 1,
        lastFiredAt: at('2026-12-01T10:00:00.123Z'),
      };
      await store.escalations.saveAlert(alert);
      expect(await store.escalations.alertOf(first.id)).toEqual(alert);
      expect(await store.escalations.activeAlert(release.id, 'checkout-errors')).toEqual({ escalation: first, alert });
      const again = { ...alert, fired: 4, lastFiredAt: at('2026-12-01T10:20:00Z') };
      await store.escalations.saveAlert(again);
      expect(await store.escalations.alertOf(first.id)).toEqual(again);
      // Another key, another release: not this alert.
      expect(await store.escalations.activeAlert(release.id, 'disk-full')).toBeUndefined();
      expect(await store.escalations.activeAlert(other.id, 'checkout-errors')).toBeUndefined();
      // Once resolved, the key is free; a later escalation with it is the active one.
      await store.escalations.save({
        ...first,
        status: 'resolved',
        acknowledgedBy: null,
        acknowledgedAt: null,
        resolvedBy: 'URM',
        resolvedAt: at('2026-12-01T11:00:00Z'),
        resolution: 'fixed',
      });
      expect(await store.escalations.activeAlert(release.id, 'checkout-errors')).toBeUndefined();
      const second = await store.escalations.insert(raised(release.id, '2026-12-02T10:00:00Z'));
      await store.escalations.saveAlert({ ...alert, escalationId: second.id, fired: 1 });
      expect((await store.escalations.activeAlert(release.id, 'checkout-errors'))?.escalation.id).toBe(second.id);
      // An alert with no dedup key is kept, never found by key.
      const keyless = await store.escalations.insert(raised(release.id, '2026-12-03T10:00:00Z'));
      await store.escalations.saveAlert({ ...alert, escalationId: keyless.id, dedupKey: null, sourceUrl: null });
      expect(await store.escalations.alertOf(keyless.id)).toMatchObject({ dedupKey: null, sourceUrl: null });
      expect(await store.escalations.alertOf(keyless.id + 1000)).toBeUndefined();
    });

    test("a release's own levels, by level, with quiet hours, saved in place and apart from the workspace's", async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const other = await insertRelease(store);
      const override = (level: 1 | 2 | 3, channelId: string, extra: { hours?: string; days?: string } = {}) => ({
        releaseId: release.id,
        teamId: TEAM,
        level,
        channelId,
        pings: ['S0MGRS'],
        ackMs: 900_000,
        ...extra,
        updatedBy: 'URM',
        updatedAt: at('2026-12-01T10:00:00Z'),
      });
      await store.escalations.saveReleaseLevelSetting(override(3, 'CEXEC', { hours: '08:00-20:00', days: 'mon-sat' }));
      await store.escalations.saveReleaseLevelSetting(override(2, 'CMGR'));
      await store.escalations.saveReleaseLevelSetting(override(3, 'CEXEC2'));
      expect(await store.escalations.releaseLevelSettings(release.id)).toEqual([
        override(2, 'CMGR'),
        override(3, 'CEXEC2'),
      ]);
      expect(await store.escalations.releaseLevelSettings(other.id)).toEqual([]);
      expect(await store.escalations.levelSettings(TEAM)).toEqual([]);
      await store.escalations.saveReleaseLevelSetting(override(2, 'CMGR', { hours: 'always' }));
      expect((await store.escalations.releaseLevelSettings(release.id))[0]).toEqual(
        override(2, 'CMGR', { hours: 'always' }),
      );
    });

    test('a conditional save writes only when the step and status are still those read', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const open = await store.escalations.insert(raised(release.id, '2026-12-01T10:00:00Z'));
      const moved = { ...open, level: 3 as const, step: 1 };
      expect(await store.escalations.saveIfCurrent(moved, { step: 0, status: 'open' })).toBe(true);
      expect(await store.escalations.saveIfCurrent({ ...moved, step: 2 }, { step: 0, status: 'open' })).toBe(false);
      expect(await store.escalations.saveIfCurrent({ ...moved, step: 2 }, { step: 1, status: 'acknowledged' })).toBe(
        false,
      );
      expect(await store.escalations.findById(open.id)).toEqual(moved);
    });
  });
}
