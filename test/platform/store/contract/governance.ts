import { describe, expect, test } from 'vitest';
import { at, insertRelease, type StoreHarness, TEAM } from './harness.ts';

export function governanceContract(harness: StoreHarness): void {
  describe(`${harness.name}: decision log`, () => {
    test('decisions with their details; by release oldest first, by team newest first', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const other = await insertRelease(store, { teamId: 'T0OTHER' });
      const decide = (releaseId: number, teamId: string, iso: string, outcome: string, details: unknown = null) =>
        store.decisions.record({
          teamId,
          releaseId,
          kind: 'go_no_go',
          area: null,
          outcome,
          rationale: null,
          decidedBy: 'URM',
          decidedAt: at(iso),
          details,
        });
      const later = await decide(release.id, TEAM, '2026-12-09T10:00:00Z', 'go', { tally: { go: 3 }, note: 'ok' });
      const earlier = await decide(release.id, TEAM, '2026-12-08T10:00:00Z', 'no_go');
      const tie = await decide(release.id, TEAM, '2026-12-09T10:00:00Z', 'go', undefined);
      await decide(other.id, 'T0OTHER', '2026-12-10T10:00:00Z', 'go');
      expect(later).toEqual({
        id: later.id,
        teamId: TEAM,
        releaseId: release.id,
        kind: 'go_no_go',
        area: null,
        outcome: 'go',
        rationale: null,
        decidedBy: 'URM',
        decidedAt: at('2026-12-09T10:00:00Z'),
        details: { tally: { go: 3 }, note: 'ok' },
      });
      expect(tie.details).toBeNull();
      expect((await store.decisions.forRelease(release.id)).map((d) => d.id)).toEqual([earlier.id, later.id, tie.id]);
      expect((await store.decisions.forTeam(TEAM, 2)).map((d) => d.id)).toEqual([tie.id, later.id]);
    });
  });

  describe(`${harness.name}: checklist, handoffs, conflicts, proposals`, () => {
    test('the checklist in its order, created once, ticked and unticked with every tick kept', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const items = [
        { releaseId: release.id, key: 'tests', label: 'Tests pass', owner: 'qa_lead' as const, position: 2 },
        { releaseId: release.id, key: 'notes', label: 'Release notes', owner: 'product_owner' as const, position: 1 },
      ];
      await store.governance.createChecklist(items);
      await store.governance.createChecklist([{ ...items[0]!, label: 'Changed' }]);
      await store.governance.createChecklist([]);
      const untouched = { tickedBy: null, tickedAt: null, evidenceUrl: null };
      expect(await store.governance.checklist(release.id)).toEqual([
        { ...items[1], ...untouched },
        { ...items[0], ...untouched },
      ]);
      await store.governance.setTick({
        releaseId: release.id,
        key: 'tests',
        action: 'tick',
        actorId: 'UQA',
        at: at('2026-12-01T10:00:00Z'),
        evidenceUrl: 'https://ci/1',
      });
      expect((await store.governance.checklist(release.id))[1]).toEqual({
        ...items[0],
        tickedBy: 'UQA',
        tickedAt: at('2026-12-01T10:00:00Z'),
        evidenceUrl: 'https://ci/1',
      });
      await store.governance.setTick({
        releaseId: release.id,
        key: 'tests',
        action: 'untick',
        actorId: 'URM',
        at: at('2026-12-01T11:00:00Z'),
        evidenceUrl: null,
      });
      expect((await store.governance.checklist(release.id))[1]).toEqual({ ...items[0], ...untouched });
      expect((await store.governance.checklistHistory(release.id)).map(({ id: _id, ...t }) => t)).toEqual([
        {
          releaseId: release.id,
          key: 'tests',
          action: 'tick',
          actorId: 'UQA',
          at: at('2026-12-01T10:00:00Z'),
          evidenceUrl: 'https://ci/1',
        },
        {
          releaseId: release.id,
          key: 'tests',
          action: 'untick',
          actorId: 'URM',
          at: at('2026-12-01T11:00:00Z'),
          evidenceUrl: null,
        },
      ]);
    });

    test('handoffs are saved in place, by key', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const blank = {
        signedOffBy: null,
        signedOffAt: null,
        confirmedBy: null,
        confirmedAt: null,
        channelId: null,
        messageTs: null,
      };
      await store.governance.saveHandoff({
        releaseId: release.id,
        key: 'qa_to_devops',
        ...blank,
        signedOffBy: 'UQA',
        signedOffAt: at('2026-12-01T10:00:00Z'),
      });
      await store.governance.saveHandoff({
        releaseId: release.id,
        key: 'dev_to_qa',
        ...blank,
        channelId: 'C1',
        messageTs: '1.1',
      });
      await store.governance.saveHandoff({
        releaseId: release.id,
        key: 'qa_to_devops',
        ...blank,
        signedOffBy: 'UQA',
        signedOffAt: at('2026-12-01T10:00:00Z'),
        confirmedBy: 'UDEV',
        confirmedAt: at('2026-12-01T11:00:00Z'),
      });
      expect(await store.governance.handoffs(release.id)).toEqual([
        { releaseId: release.id, key: 'dev_to_qa', ...blank, channelId: 'C1', messageTs: '1.1' },
        {
          releaseId: release.id,
          key: 'qa_to_devops',
          ...blank,
          signedOffBy: 'UQA',
          signedOffAt: at('2026-12-01T10:00:00Z'),
          confirmedBy: 'UDEV',
          confirmedAt: at('2026-12-01T11:00:00Z'),
        },
      ]);
    });

    test('conflicts of an area are resolved together by one decision; proposals are closed together', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const conflict = (area: string) =>
        store.governance.recordConflict({
          releaseId: release.id,
          area,
          perspectiveA: 'a',
          perspectiveB: 'b',
          recordedBy: 'URM',
          recordedAt: at('2026-12-01T10:00:00Z'),
        });
      const first = await conflict('schedule');
      await conflict('schedule');
      await conflict('scope');
      expect(first).toEqual({
        id: first.id,
        releaseId: release.id,
        area: 'schedule',
        perspectiveA: 'a',
        perspectiveB: 'b',
        recordedBy: 'URM',
        recordedAt: at('2026-12-01T10:00:00Z'),
        resolvedByDecisionId: null,
      });
      const decision = await store.decisions.record({
        teamId: TEAM,
        releaseId: release.id,
        kind: 'authority',
        area: 'schedule',
        outcome: 'ship friday',
        rationale: 'why not',
        decidedBy: 'URM',
        decidedAt: at('2026-12-01T12:00:00Z'),
        details: {},
      });
      expect(await store.governance.resolveConflicts(release.id, 'schedule', decision.id)).toBe(2);
      expect(await store.governance.resolveConflicts(release.id, 'schedule', decision.id)).toBe(0);
      expect((await store.governance.conflicts(release.id)).map((c) => [c.area, c.resolvedByDecisionId])).toEqual([
        ['schedule', decision.id],
        ['schedule', decision.id],
        ['scope', null],
      ]);

      const propose = (area: string) =>
        store.governance.recordProposal({
          releaseId: release.id,
          area,
          decision: 'd',
          rationale: null,
          proposedBy: 'UTECH',
          proposerRole: 'tech_lead',
          proposedAt: at('2026-12-01T10:00:00Z'),
        });
      const proposal = await propose('architecture');
      await propose('architecture');
      const elsewhere = await propose('scope');
      expect(proposal).toEqual({
        id: proposal.id,
        releaseId: release.id,
        area: 'architecture',
        decision: 'd',
        rationale: null,
        proposedBy: 'UTECH',
        proposerRole: 'tech_lead',
        proposedAt: at('2026-12-01T10:00:00Z'),
        status: 'open',
        resolvedBy: null,
        resolvedAt: null,
      });
      expect(
        await store.governance.closeProposals(release.id, 'architecture', 'agreed', 'UPO', at('2026-12-01T13:00:00Z')),
      ).toBe(2);
      expect(
        await store.governance.closeProposals(
          release.id,
          'architecture',
          'superseded',
          'UPO',
          at('2026-12-01T13:00:00Z'),
        ),
      ).toBe(0);
      expect(await store.governance.proposal(proposal.id)).toMatchObject({
        status: 'agreed',
        resolvedBy: 'UPO',
        resolvedAt: at('2026-12-01T13:00:00Z'),
      });
      expect((await store.governance.proposal(elsewhere.id))?.status).toBe('open');
      expect(await store.governance.proposal(elsewhere.id + 1000)).toBeUndefined();
    });
  });
}
