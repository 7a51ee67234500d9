import { expect, test } from 'vitest';
import {
  ACTIVITIES,
  accountableRole,
  DEFAULT_RACI,
  parseActivity,
  rolesWithLetter,
} from '../../../src/core/domain/raci.ts';

test('every activity has exactly one accountable role', () => {
  for (const activity of ACTIVITIES) expect(rolesWithLetter(DEFAULT_RACI, activity, 'A')).toHaveLength(1);
});

test('the seed matrix: go/no-go and rollback', () => {
  expect(accountableRole(DEFAULT_RACI, 'go_no_go')).toBe('rm');
  expect(rolesWithLetter(DEFAULT_RACI, 'go_no_go', 'R')).toEqual(['tech_lead', 'qa_lead', 'devops', 'product_owner']);
  expect(rolesWithLetter(DEFAULT_RACI, 'rollback', 'R')).toEqual(['tech_lead', 'devops']);
  expect(rolesWithLetter(DEFAULT_RACI, 'rollback', 'C')).toEqual(['qa_lead', 'product_owner']);
  expect(accountableRole(DEFAULT_RACI, 'deployment')).toBe('devops');
});

test('activities parse from their names and common words', () => {
  expect(parseActivity('go-no-go')).toBe('go_no_go');
  expect(parseActivity('deployment')).toBe('deployment');
  expect(parseActivity('retro')).toBe('post_release_review');
  expect(parseActivity('lunch')).toBeUndefined();
});
