import { expect, test } from 'vitest';
import {
  CHECKLIST_ITEMS,
  type ChecklistItem,
  decideChecklistGate,
  mayTick,
  validateEvidenceUrl,
} from '../../../src/governance/domain/checklist.ts';

const AT = new Date('2026-12-01T10:00:00Z');

function items(ticked: string[]): ChecklistItem[] {
  return CHECKLIST_ITEMS.map((def, position) => ({
    releaseId: 1,
    key: def.key,
    label: def.label,
    owner: def.owner,
    position,
    tickedBy: ticked.includes(def.key) ? 'UQA' : null,
    tickedAt: ticked.includes(def.key) ? AT : null,
    evidenceUrl: null,
  }));
}

test('the seed’s ten items, each with an owner role', () => {
  expect(CHECKLIST_ITEMS.map((i) => i.label)).toEqual([
    'All PRs merged and reviewed',
    'All tests passing',
    'Quality gates passed',
    'Security scans clean',
    'Documentation updated',
    'Release notes prepared',
    'Rollback plan ready',
    'Monitoring configured',
    'Team notified',
    'Stakeholders informed',
  ]);
  expect(Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i.key, i.owner]))).toMatchObject({
    tests_passing: 'qa_lead',
    quality_gates: 'qa_lead',
    rollback_plan: 'devops',
    monitoring: 'devops',
    prs_merged: 'tech_lead',
  });
});

test('the gate is open for Go only when every item is ticked', () => {
  const all = decideChecklistGate(items(CHECKLIST_ITEMS.map((i) => i.key)));
  expect(all).toEqual({ open: [], canGoWithoutOverride: true, coveredByOverride: false });
  const some = decideChecklistGate(items(['prs_merged', 'tests_passing']));
  expect(some.canGoWithoutOverride).toBe(false);
  expect(some.open.map((i) => i.key)).toHaveLength(8);
  expect(some.open[0]?.key).toBe('quality_gates');
  expect(some.coveredByOverride).toBe(false);
});

test('an empty checklist has nothing open', () => {
  expect(decideChecklistGate([])).toEqual({ open: [], canGoWithoutOverride: true, coveredByOverride: false });
});

test('an override covers the items open when it was recorded, not an item unticked later', () => {
  const openKeys = CHECKLIST_ITEMS.map((i) => i.key).filter((k) => k !== 'tests_passing' && k !== 'monitoring');
  const ticked = ['tests_passing', 'monitoring'];
  const override = { openItemKeys: openKeys };
  expect(decideChecklistGate(items(ticked), override).coveredByOverride).toBe(true);
  expect(decideChecklistGate(items(['tests_passing']), override).coveredByOverride).toBe(false);
});

test('the owner role or the RM may tick; nobody else', () => {
  const item = { owner: 'qa_lead' as const };
  expect(mayTick(item, ['qa_lead'])).toBe(true);
  expect(mayTick(item, ['rm'])).toBe(true);
  expect(mayTick(item, ['devops', 'tech_lead'])).toBe(false);
  expect(mayTick(item, [])).toBe(false);
});

test.each([
  ['https://ci.example.com/run/42', true],
  ['http://grafana.internal.example/d/abc?x=1&y=2', true],
  ['ci.example.com/run/42', false],
  ['javascript:alert(1)', false],
  ['https://exa mple.com', false],
  ['https://evil.example|bank', false],
  [`https://example.com/${'a'.repeat(1001)}`, false],
])('evidence link %s valid: %s', (url, ok) => {
  expect(validateEvidenceUrl(url).ok).toBe(ok);
});
