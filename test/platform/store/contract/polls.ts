import { describe, expect, test } from 'vitest';
import { at, insertRelease, type StoreHarness, TEAM } from './harness.ts';

export function pollContract(harness: StoreHarness): void {
  describe(`${harness.name}: polls`, () => {
    test('one open poll per activity; every change bumps the version; decided once', async () => {
      const { store } = await harness.open();
      const release = await insertRelease(store);
      const input = {
        teamId: TEAM,
        releaseId: release.id,
        activity: 'go_no_go' as const,
        channelId: 'C1',
        deadlineAt: at('2026-12-09T16:00:00Z'),
        openedBy: 'URM',
        openedAt: at('2026-12-09T10:00:00Z'),
      };
      const poll = await store.polls.insert(input);
      expect(poll).toEqual({
        ...input,
        id: poll.id,
        messageTs: null,
        status: 'open',
        version: 1,
        remindedAt: null,
        decidedBy: null,
        decidedAt: null,
        decision: null,
        rationale: null,
      });
      await expect(store.polls.insert(input)).rejects.toThrow();
      const rollback = await store.polls.insert({ ...input, activity: 'rollback', deadlineAt: null });
      expect(await store.polls.findOpen(release.id, 'go_no_go')).toEqual(poll);
      expect((await store.polls.setMessage(poll.id, '1.1')).version).toBe(2);
      expect((await store.polls.markReminded(poll.id, at('2026-12-09T15:00:00Z'))).remindedAt).toEqual(
        at('2026-12-09T15:00:00Z'),
      );
      const vote = {
        pollId: poll.id,
        role: 'qa_lead' as const,
        voterId: 'UQA',
        value: 'go' as const,
        note: null,
        at: at('2026-12-09T11:00:00Z'),
      };
      expect((await store.polls.addVote(vote)).version).toBe(4);
      await store.polls.addVote({ ...vote, value: 'no_go', note: 'found a bug', at: at('2026-12-09T12:00:00Z') });
      expect(await store.polls.votes(poll.id)).toEqual([
        vote,
        { ...vote, value: 'no_go', note: 'found a bug', at: at('2026-12-09T12:00:00Z') },
      ]);
      // The latest per role, in the order cast; a role that never voted has none.
      const tech = { ...vote, role: 'tech_lead' as const, voterId: 'UTECH', at: at('2026-12-09T12:30:00Z') };
      await store.polls.addVote(tech);
      await store.polls.addVote({
        ...vote,
        value: 'go_with_conditions',
        note: 'if QA signs',
        at: at('2026-12-09T12:45:00Z'),
      });
      expect(await store.polls.latestVotes(poll.id, ['qa_lead', 'tech_lead', 'devops'])).toEqual([
        tech,
        { ...vote, value: 'go_with_conditions', note: 'if QA signs', at: at('2026-12-09T12:45:00Z') },
      ]);
      expect(await store.polls.latestVotes(poll.id, [])).toEqual([]);
      const decision = {
        side: 'no_go' as const,
        decidedBy: 'URM',
        decidedAt: at('2026-12-09T13:00:00Z'),
        rationale: 'bug',
      };
      const decided = await store.polls.decide(poll.id, decision);
      expect(decided).toMatchObject({
        status: 'decided',
        decision: 'no_go',
        decidedBy: 'URM',
        rationale: 'bug',
        version: 8,
        messageTs: '1.1',
      });
      expect(await store.polls.decide(poll.id, { ...decision, side: 'go' })).toBeUndefined();
      expect(await store.polls.findOpen(release.id, 'go_no_go')).toBeUndefined();
      expect((await store.polls.listOpen(release.id)).map((p) => p.id)).toEqual([rollback.id]);
      const reopened = await store.polls.insert(input);
      expect((await store.polls.listForRelease(release.id)).map((p) => p.id)).toEqual([
        poll.id,
        rollback.id,
        reopened.id,
      ]);
      expect(await store.polls.findById(poll.id)).toEqual(decided);
      expect(await store.polls.findById(reopened.id + 1000)).toBeUndefined();
      await expect(store.polls.setMessage(reopened.id + 1000, '1.1')).rejects.toThrow('does not exist');
    });
  });
}
