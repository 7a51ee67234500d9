import { expect, test } from 'vitest';
import {
  AUTHORITY_AREAS,
  decideAuthority,
  decidingRoles,
  mayAgree,
  parseArea,
} from '../../../src/governance/domain/authority.ts';

test.each([
  ['schedule', 'rm'],
  ['scope-change', 'rm'],
  ['external-comms', 'rm'],
  ['process', 'rm'],
  ['architecture', 'tech_lead'],
  ['tech-stack', 'tech_lead'],
  ['performance', 'tech_lead'],
  ['security', 'tech_lead'],
  ['test-approach', 'qa_lead'],
  ['quality-gates', 'qa_lead'],
  ['test-environments', 'qa_lead'],
  ['bug-severity', 'qa_lead'],
  ['deployment-method', 'devops'],
  ['infrastructure', 'devops'],
  ['monitoring', 'devops'],
  ['backup-recovery', 'devops'],
  ['feature-priority', 'product_owner'],
  ['acceptance-criteria', 'product_owner'],
  ['ux', 'product_owner'],
])('the seed gives %s to %s alone', (word, role) => {
  const area = parseArea(word);
  expect(area).toBeDefined();
  if (!area) return;
  expect(decidingRoles(area)).toEqual([role]);
  expect(decideAuthority(area, [role as never])).toEqual({ ok: true, mode: 'decide' });
});

test('the table has twenty areas: four per role, plus release scope', () => {
  expect(AUTHORITY_AREAS).toHaveLength(20);
});

test('anyone else is told who decides', () => {
  const area = parseArea('architecture');
  if (!area) throw new Error('architecture is an area');
  expect(decideAuthority(area, ['qa_lead', 'devops'])).toEqual({ ok: false, needs: ['tech_lead'] });
  expect(decideAuthority(area, [])).toEqual({ ok: false, needs: ['tech_lead'] });
});

test('release scope: the PO or the RM proposes, the other one agrees', () => {
  const scope = parseArea('scope');
  if (!scope) throw new Error('scope is an area');
  expect(decidingRoles(scope)).toEqual(['product_owner', 'rm']);
  expect(decideAuthority(scope, ['product_owner'])).toEqual({ ok: true, mode: 'propose', partner: 'rm' });
  expect(decideAuthority(scope, ['rm'])).toEqual({ ok: true, mode: 'propose', partner: 'product_owner' });
  expect(decideAuthority(scope, ['tech_lead'])).toEqual({ ok: false, needs: ['product_owner', 'rm'] });
  expect(mayAgree(scope, 'product_owner', ['rm'])).toBe(true);
  expect(mayAgree(scope, 'product_owner', ['product_owner'])).toBe(false);
  expect(mayAgree(scope, 'rm', ['tech_lead'])).toBe(false);
});

test('areas parse from common words and reject unknown ones', () => {
  expect(parseArea('infra')?.key).toBe('infrastructure');
  expect(parseArea('Tech_Stack')?.key).toBe('tech_stack');
  expect(parseArea('lunch')).toBeUndefined();
});
