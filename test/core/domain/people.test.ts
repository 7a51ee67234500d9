import { expect, test } from 'vitest';
import { decideRoleEligibility } from '../../../src/core/domain/people.ts';
import { CAST } from '../../helpers/people.ts';

test('a person may be Release Manager', () => {
  expect(decideRoleEligibility(CAST.rm, 'rm')).toEqual({ ok: true });
});

test.each([
  [CAST.bot, 'is a bot'],
  [CAST.app, 'is an app user'],
  [CAST.gone, 'is a deactivated account'],
  [CAST.slackbot, 'Slackbot is not a person'],
])('the Release Manager is human-only: %s is refused', (who, reason) => {
  const result = decideRoleEligibility(who, 'rm');
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.reason).toContain(reason);
    expect(result.reason).toContain('must be a person');
  }
});

test('other roles refuse deactivated accounts and Slackbot but allow bots', () => {
  expect(decideRoleEligibility(CAST.gone, 'qa_lead').ok).toBe(false);
  expect(decideRoleEligibility(CAST.slackbot, 'devops').ok).toBe(false);
  expect(decideRoleEligibility(CAST.bot, 'devops').ok).toBe(true);
});
