import { expect, test } from 'vitest';
import {
  decideHandoffStep,
  HANDOFFS,
  type HandoffState,
  parseHandoff,
} from '../../../src/governance/domain/handoff.ts';

const AT = new Date('2026-12-01T10:00:00Z');

function state(key: string, signed: boolean, confirmed: boolean): HandoffState {
  return {
    releaseId: 1,
    key,
    signedOffBy: signed ? 'UX' : null,
    signedOffAt: signed ? AT : null,
    confirmedBy: confirmed ? 'UY' : null,
    confirmedAt: confirmed ? AT : null,
    channelId: null,
    messageTs: null,
  };
}

test('the seed’s three handoffs in order, each from the handing to the receiving role', () => {
  expect(HANDOFFS.map((h) => [h.keyword, h.from, h.to])).toEqual([
    ['dev-qa', 'tech_lead', 'qa_lead'],
    ['qa-devops', 'qa_lead', 'devops'],
    ['devops-ops', 'devops', 'rm'],
  ]);
  expect(HANDOFFS[1]?.steps).toContain('QA Lead provides test results and sign-off');
  expect(parseHandoff('QA-DevOps')?.key).toBe('qa_devops');
  expect(parseHandoff('devops-operations')?.key).toBe('devops_ops');
  expect(parseHandoff('qa-ops')).toBeUndefined();
});

test('only the handing role signs off, only the receiving role confirms', () => {
  expect(decideHandoffStep('dev_qa', 'sign_off', ['qa_lead'], [])).toEqual({
    ok: false,
    reason: 'wrong_role',
    needs: 'tech_lead',
  });
  expect(decideHandoffStep('dev_qa', 'sign_off', ['tech_lead'], [])).toEqual({ ok: true });
  const signed = [state('dev_qa', true, false)];
  expect(decideHandoffStep('dev_qa', 'confirm', ['tech_lead'], signed)).toMatchObject({ reason: 'wrong_role' });
  expect(decideHandoffStep('dev_qa', 'confirm', ['qa_lead'], signed)).toEqual({ ok: true });
});

test('confirmation needs the sign-off first', () => {
  expect(decideHandoffStep('dev_qa', 'confirm', ['qa_lead'], [])).toEqual({ ok: false, reason: 'not_signed_off' });
});

test('the next handoff cannot be confirmed before the previous one', () => {
  const states = [state('dev_qa', true, false), state('qa_devops', true, false)];
  const blocked = decideHandoffStep('qa_devops', 'confirm', ['devops'], states);
  expect(blocked).toMatchObject({ ok: false, reason: 'previous_not_confirmed' });
  if (!blocked.ok && blocked.reason === 'previous_not_confirmed') expect(blocked.previous.key).toBe('dev_qa');
  const inOrder = [state('dev_qa', true, true), state('qa_devops', true, false)];
  expect(decideHandoffStep('qa_devops', 'confirm', ['devops'], inOrder)).toEqual({ ok: true });
  // Signing off early is fine: only confirmation is ordered.
  expect(decideHandoffStep('devops_ops', 'sign_off', ['devops'], [])).toEqual({ ok: true });
});

test('a step is taken once', () => {
  const done = [state('dev_qa', true, true)];
  expect(decideHandoffStep('dev_qa', 'sign_off', ['tech_lead'], done)).toMatchObject({
    reason: 'already_done',
    by: 'UX',
  });
  expect(decideHandoffStep('dev_qa', 'confirm', ['qa_lead'], done)).toMatchObject({ reason: 'already_done', by: 'UY' });
});
