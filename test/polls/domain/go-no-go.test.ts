import { expect, test } from 'vitest';
import { DEFAULT_RACI, type RaciMatrix } from '../../../src/core/domain/raci.ts';
import type { Role, RoleAssignment } from '../../../src/core/domain/roles.ts';
import {
  castVote,
  decide,
  openers,
  peopleToRemind,
  pollRoles,
  recommend,
  tally,
  technicalCall,
  type Vote,
  type VoteValue,
} from '../../../src/polls/domain/go-no-go.ts';
import { CAST } from '../../helpers/people.ts';

const NOW = new Date('2026-11-23T09:00:00Z');
const GO_NO_GO = pollRoles(DEFAULT_RACI, 'go_no_go');
const ROLLBACK = pollRoles(DEFAULT_RACI, 'rollback');

const HOLDERS: Array<[Role, string]> = [
  ['rm', CAST.rm.id],
  ['tech_lead', CAST.tech.id],
  ['qa_lead', CAST.qa.id],
  ['devops', CAST.devops.id],
  ['product_owner', CAST.po.id],
];
const ASSIGNMENTS: RoleAssignment[] = HOLDERS.map(([role, userId]) => ({
  releaseId: 1,
  role,
  userId,
  assignedBy: CAST.rm.id,
  assignedAt: NOW,
}));

function vote(role: Role, value: VoteValue, note: string | null = null, voterId = 'U1'): Vote {
  return { pollId: 1, role, voterId, value, note, at: NOW };
}

const OPEN = { status: 'open', activity: 'go_no_go' } as const;

test('the roles come from the RACI matrix: R votes, C is consulted, A decides', () => {
  expect(GO_NO_GO).toEqual({
    voting: ['tech_lead', 'qa_lead', 'devops', 'product_owner'],
    consulted: [],
    decider: 'rm',
  });
  expect(ROLLBACK).toEqual({ voting: ['tech_lead', 'devops'], consulted: ['qa_lead', 'product_owner'], decider: 'rm' });
  const custom: RaciMatrix = { ...DEFAULT_RACI, go_no_go: { ...DEFAULT_RACI.go_no_go, product_owner: 'C' } };
  expect(pollRoles(custom, 'go_no_go').voting).not.toContain('product_owner');
  expect(openers(GO_NO_GO, 'go_no_go')).toEqual(['rm']);
  expect(openers(ROLLBACK, 'rollback')).toEqual(['rm', 'tech_lead', 'devops']);
});

test.each([
  {
    name: 'all Go',
    votes: [vote('tech_lead', 'go'), vote('qa_lead', 'go'), vote('devops', 'go'), vote('product_owner', 'go')],
    side: 'go',
    complete: true,
  },
  {
    name: 'Go with conditions counts as Go, conditions listed',
    votes: [
      vote('tech_lead', 'go'),
      vote('qa_lead', 'go_with_conditions', 'suite green'),
      vote('devops', 'go'),
      vote('product_owner', 'go'),
    ],
    side: 'go',
    complete: true,
    conditions: 1,
  },
  {
    name: 'one No-Go makes it No-Go',
    votes: [
      vote('tech_lead', 'go'),
      vote('qa_lead', 'no_go', 'bug'),
      vote('devops', 'go'),
      vote('product_owner', 'go'),
    ],
    side: 'no_go',
    complete: true,
    objections: 1,
  },
  {
    name: 'a missing role keeps it No-Go for now',
    votes: [vote('tech_lead', 'go'), vote('qa_lead', 'go'), vote('devops', 'go')],
    side: 'no_go',
    complete: false,
  },
  { name: 'nobody voted', votes: [], side: 'no_go', complete: false },
  {
    name: 'the latest vote of a role counts',
    votes: [
      vote('tech_lead', 'no_go', 'x'),
      vote('tech_lead', 'go'),
      vote('qa_lead', 'go'),
      vote('devops', 'go'),
      vote('product_owner', 'go'),
    ],
    side: 'go',
    complete: true,
  },
] as const)('recommend: $name', ({ votes, side, complete, ...rest }) => {
  const rec = recommend(tally(GO_NO_GO, ASSIGNMENTS, votes));
  expect(rec.side).toBe(side);
  expect(rec.complete).toBe(complete);
  expect(rec.conditions).toHaveLength(('conditions' in rest ? rest.conditions : undefined) ?? 0);
  expect(rec.objections).toHaveLength(('objections' in rest ? rest.objections : undefined) ?? 0);
});

test('rollback: only Tech Lead and DevOps count', () => {
  const rec = recommend(tally(ROLLBACK, ASSIGNMENTS, [vote('tech_lead', 'go'), vote('devops', 'go')]));
  expect(rec).toMatchObject({ side: 'go', complete: true });
});

const base = { poll: OPEN, roles: GO_NO_GO, assignments: ASSIGNMENTS, history: [] as Vote[], now: NOW };

test.each([
  { name: 'a holder votes Go', input: { voter: CAST.qa, voterId: CAST.qa.id, role: 'qa_lead', value: 'go' }, ok: true },
  {
    name: 'an outsider',
    input: { voter: CAST.outsider, voterId: CAST.outsider.id, role: 'qa_lead', value: 'go' },
    reason: 'not_a_holder',
  },
  {
    name: 'another role holder',
    input: { voter: CAST.tech, voterId: CAST.tech.id, role: 'qa_lead', value: 'go' },
    reason: 'not_a_holder',
  },
  {
    name: 'the RM has no vote',
    input: { voter: CAST.rm, voterId: CAST.rm.id, role: 'rm', value: 'go' },
    reason: 'not_a_voting_role',
  },
  {
    name: 'Go with conditions without a note',
    input: { voter: CAST.qa, voterId: CAST.qa.id, role: 'qa_lead', value: 'go_with_conditions', note: '  ' },
    reason: 'note_required',
  },
  {
    name: 'No-Go without a reason',
    input: { voter: CAST.qa, voterId: CAST.qa.id, role: 'qa_lead', value: 'no_go' },
    reason: 'note_required',
  },
  {
    name: 'No-Go with a reason',
    input: { voter: CAST.qa, voterId: CAST.qa.id, role: 'qa_lead', value: 'no_go', note: 'bug 12' },
    ok: true,
  },
  {
    name: 'a note too long',
    input: { voter: CAST.qa, voterId: CAST.qa.id, role: 'qa_lead', value: 'no_go', note: 'x'.repeat(1001) },
    reason: 'note_too_long',
  },
  {
    name: 'an unknown account',
    input: { voter: undefined, voterId: CAST.qa.id, role: 'qa_lead', value: 'go' },
    reason: 'not_human',
  },
] as const)('castVote: $name', ({ input, ...expected }) => {
  const result = castVote({ ...base, ...input });
  if ('ok' in expected) expect(result).toMatchObject({ ok: true, changed: true });
  else expect(result).toMatchObject({ ok: false, reason: expected.reason });
});

test('castVote: bots and app users holding a voting role do not vote; a closed poll takes no votes', () => {
  const withBot = [
    ...ASSIGNMENTS,
    { ...ASSIGNMENTS[1], userId: CAST.bot.id } as RoleAssignment,
    { ...ASSIGNMENTS[1], userId: CAST.app.id } as RoleAssignment,
  ];
  expect(
    castVote({ ...base, assignments: withBot, voter: CAST.bot, voterId: CAST.bot.id, role: 'tech_lead', value: 'go' }),
  ).toMatchObject({ ok: false, reason: 'not_human' });
  expect(
    castVote({ ...base, assignments: withBot, voter: CAST.app, voterId: CAST.app.id, role: 'tech_lead', value: 'go' }),
  ).toMatchObject({ ok: false, reason: 'not_human' });
  expect(
    castVote({
      ...base,
      poll: { ...OPEN, status: 'decided' },
      voter: CAST.tech,
      voterId: CAST.tech.id,
      role: 'tech_lead',
      value: 'go',
    }),
  ).toMatchObject({ ok: false, reason: 'poll_closed' });
});

test('castVote: the same vote again changes nothing; a different note or value is a change', () => {
  const history = [vote('qa_lead', 'no_go', 'bug 12', CAST.qa.id)];
  const input = { ...base, history, voter: CAST.qa, voterId: CAST.qa.id, role: 'qa_lead' as const };
  expect(castVote({ ...input, value: 'no_go', note: ' bug 12 ' })).toMatchObject({ ok: true, changed: false });
  expect(castVote({ ...input, value: 'no_go', note: 'bug 13' })).toMatchObject({ ok: true, changed: true });
  expect(castVote({ ...input, value: 'go' })).toMatchObject({ ok: true, changed: true });
});

test('a person holding two voting roles votes each role separately', () => {
  const twoRoles = [...ASSIGNMENTS, { ...ASSIGNMENTS[2], userId: CAST.tech.id } as RoleAssignment];
  const first = castVote({
    ...base,
    assignments: twoRoles,
    voter: CAST.tech,
    voterId: CAST.tech.id,
    role: 'tech_lead',
    value: 'go',
  });
  if (!first.ok) throw new Error('expected the Tech Lead vote');
  const second = castVote({
    ...base,
    assignments: twoRoles,
    history: [first.vote],
    voter: CAST.tech,
    voterId: CAST.tech.id,
    role: 'qa_lead',
    value: 'go',
  });
  expect(second).toMatchObject({ ok: true, changed: true, vote: { role: 'qa_lead' } });
  const t = tally(GO_NO_GO, twoRoles, [first.vote, (second as { vote: Vote }).vote]);
  expect(t.roles.filter((r) => r.vote).map((r) => r.role)).toEqual(['tech_lead', 'qa_lead']);
});

const allGo = recommend(
  tally(GO_NO_GO, ASSIGNMENTS, [
    vote('tech_lead', 'go'),
    vote('qa_lead', 'go'),
    vote('devops', 'go'),
    vote('product_owner', 'go'),
  ]),
);
const oneNoGo = recommend(
  tally(GO_NO_GO, ASSIGNMENTS, [
    vote('tech_lead', 'go'),
    vote('qa_lead', 'no_go', 'bug'),
    vote('devops', 'go'),
    vote('product_owner', 'go'),
  ]),
);
const decideBase = { poll: OPEN, roles: GO_NO_GO, assignments: ASSIGNMENTS, decider: CAST.rm, deciderId: CAST.rm.id };

test.each([
  {
    name: 'Go with the recommendation, no rationale',
    rec: allGo,
    side: 'go',
    rationale: null,
    ok: true,
    against: false,
  },
  {
    name: 'No-Go against a Go recommendation without rationale',
    rec: allGo,
    side: 'no_go',
    rationale: null,
    reason: 'rationale_required',
  },
  {
    name: 'Go against a No-Go recommendation with a rationale',
    rec: oneNoGo,
    side: 'go',
    rationale: 'bug is cosmetic',
    ok: true,
    against: true,
  },
  {
    name: 'Go against a No-Go recommendation with a blank rationale',
    rec: oneNoGo,
    side: 'go',
    rationale: '   ',
    reason: 'rationale_required',
  },
  { name: 'No-Go with the recommendation', rec: oneNoGo, side: 'no_go', rationale: null, ok: true, against: false },
] as const)('decide: $name', ({ rec, side, rationale, ...expected }) => {
  const result = decide({ ...decideBase, recommendation: rec, side, rationale });
  if ('ok' in expected) expect(result).toMatchObject({ ok: true, side, againstRecommendation: expected.against });
  else expect(result).toMatchObject({ ok: false, reason: expected.reason });
});

test('decide: only a human holder of the Accountable role decides, once', () => {
  expect(
    decide({
      ...decideBase,
      recommendation: allGo,
      decider: CAST.tech,
      deciderId: CAST.tech.id,
      side: 'go',
      rationale: null,
    }),
  ).toMatchObject({ ok: false, reason: 'not_the_decider', holders: [CAST.rm.id] });
  const botRm = [...ASSIGNMENTS, { ...ASSIGNMENTS[0], userId: CAST.bot.id } as RoleAssignment];
  expect(
    decide({
      ...decideBase,
      assignments: botRm,
      recommendation: allGo,
      decider: CAST.bot,
      deciderId: CAST.bot.id,
      side: 'go',
      rationale: null,
    }),
  ).toMatchObject({ ok: false, reason: 'not_human' });
  expect(
    decide({ ...decideBase, poll: { ...OPEN, status: 'decided' }, recommendation: allGo, side: 'go', rationale: null }),
  ).toMatchObject({ ok: false, reason: 'poll_closed' });
});

test('the deadline reminder goes to holders of roles that have not voted, and the decider', () => {
  const t = tally(GO_NO_GO, ASSIGNMENTS, [vote('tech_lead', 'go'), vote('product_owner', 'go')]);
  expect(peopleToRemind(t, ASSIGNMENTS, 'rm')).toEqual([CAST.qa.id, CAST.devops.id, CAST.rm.id]);
});

test('on a rollback the Tech Lead’s vote is the technical call; the go/no-go has none', () => {
  const rollbackTally = tally(ROLLBACK, ASSIGNMENTS, [
    vote('tech_lead', 'go', null, CAST.tech.id),
    vote('devops', 'no_go', 'flag mitigates it', CAST.devops.id),
  ]);
  expect(technicalCall('rollback', rollbackTally)).toEqual({
    role: 'tech_lead',
    voterId: CAST.tech.id,
    side: 'go',
    note: null,
  });
  expect(technicalCall('rollback', tally(ROLLBACK, ASSIGNMENTS, []))).toBeUndefined();
  expect(technicalCall('go_no_go', tally(GO_NO_GO, ASSIGNMENTS, [vote('tech_lead', 'no_go', 'x')]))).toBeUndefined();
});

test('deciding against the technical call needs a rationale, even with the recommendation', () => {
  const rollbackTally = tally(ROLLBACK, ASSIGNMENTS, [
    vote('tech_lead', 'go_with_conditions', 'after the backup', CAST.tech.id),
    vote('devops', 'no_go', 'flag mitigates it', CAST.devops.id),
  ]);
  const input = {
    poll: { status: 'open', activity: 'rollback' } as const,
    roles: ROLLBACK,
    assignments: ASSIGNMENTS,
    decider: CAST.rm,
    deciderId: CAST.rm.id,
    recommendation: recommend(rollbackTally),
    technical: technicalCall('rollback', rollbackTally),
  };
  expect(input.recommendation.side).toBe('no_go');
  expect(decide({ ...input, side: 'no_go', rationale: null })).toMatchObject({
    ok: false,
    reason: 'rationale_required',
    technical: { role: 'tech_lead', side: 'go' },
  });
  expect(decide({ ...input, side: 'no_go', rationale: 'the flag holds' })).toMatchObject({
    ok: true,
    againstRecommendation: false,
    againstTechnicalCall: true,
  });
  // Rolling back follows the technical call but goes against the recommendation: a rationale, as before.
  expect(decide({ ...input, side: 'go', rationale: null })).toMatchObject({ ok: false, reason: 'rationale_required' });
});
