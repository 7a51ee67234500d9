import { expect, test } from 'vitest';
import {
  CHECKLIST_ITEMS,
  type ChecklistItem,
  decideChecklistGate,
  type ItemOverride,
  mayTick,
  mayUntick,
  uncoveredItems,
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
  expect(all).toEqual({ open: [], canGoWithoutOverride: true, coveredByOverride: false, overridden: {} });
  const some = decideChecklistGate(items(['prs_merged', 'tests_passing']));
  expect(some.canGoWithoutOverride).toBe(false);
  expect(some.open.map((i) => i.key)).toHaveLength(8);
  expect(some.open[0]?.key).toBe('quality_gates');
  expect(some.coveredByOverride).toBe(false);
});

test('an empty checklist has nothing open', () => {
  expect(decideChecklistGate([])).toEqual({
    open: [],
    canGoWithoutOverride: true,
    coveredByOverride: false,
    overridden: {},
  });
});

function override(keys: string[], afterTickId: number | null, decisionId = 1): ItemOverride {
  return { decisionId, keys, afterTickId, at: AT, by: 'URM', reason: 'accepted' };
}

test('an override covers the items open when it was recorded, not an item unticked later', () => {
  const openKeys = CHECKLIST_ITEMS.map((i) => i.key).filter((k) => k !== 'tests_passing' && k !== 'monitoring');
  const ticked = ['tests_passing', 'monitoring'];
  const recorded = override(openKeys, 7);
  expect(decideChecklistGate(items(ticked), [recorded]).coveredByOverride).toBe(true);
  // "monitoring" was ticked when the override was recorded, and is open now: nothing covers it.
  const later = decideChecklistGate(items(['tests_passing']), [recorded], [{ id: 9, key: 'monitoring', at: AT }]);
  expect(later.coveredByOverride).toBe(false);
  expect(uncoveredItems(later).map((i) => i.key)).toEqual(['monitoring']);
});

test('an item unticked after its override is no longer covered; the order of the history decides, not the clock', () => {
  const all = CHECKLIST_ITEMS.map((i) => i.key).filter((k) => k !== 'docs_updated');
  const recorded = override(['docs_updated'], 4);
  // Unticked (tick 3) before the override and overridden after: covered, although both share one instant.
  expect(decideChecklistGate(items(all), [recorded], [{ id: 3, key: 'docs_updated', at: AT }]).coveredByOverride).toBe(
    true,
  );
  // Ticked and unticked again (tick 6) after the override: not covered.
  const after = decideChecklistGate(items(all), [recorded], [{ id: 6, key: 'docs_updated', at: AT }]);
  expect([after.coveredByOverride, after.overridden]).toEqual([false, {}]);
  // Without the tick id (an old override), a later instant decides.
  const old = override(['docs_updated'], null);
  const later = new Date(AT.getTime() + 1);
  expect(decideChecklistGate(items(all), [old], [{ id: 6, key: 'docs_updated', at: AT }]).coveredByOverride).toBe(true);
  expect(decideChecklistGate(items(all), [old], [{ id: 6, key: 'docs_updated', at: later }]).coveredByOverride).toBe(
    false,
  );
});

test('overrides are per item: two of them cover two items, and each item names the newest that covers it', () => {
  const ticked = CHECKLIST_ITEMS.map((i) => i.key).filter((k) => k !== 'docs_updated' && k !== 'monitoring');
  const first = override(['monitoring'], 1, 1);
  const second = override(['docs_updated', 'monitoring'], 2, 2);
  const gate = decideChecklistGate(items(ticked), [first, second]);
  expect(gate.coveredByOverride).toBe(true);
  expect([gate.overridden.monitoring?.decisionId, gate.overridden.docs_updated?.decisionId]).toEqual([2, 2]);
  expect(decideChecklistGate(items(ticked), [first]).coveredByOverride).toBe(false);
});

test('only the owner role ticks; the owner or the RM unticks; nobody else', () => {
  const item = { owner: 'qa_lead' as const };
  expect(mayTick(item, ['qa_lead'])).toBe(true);
  expect(mayTick(item, ['rm'])).toBe(false);
  expect(mayTick(item, ['devops', 'tech_lead'])).toBe(false);
  expect(mayTick(item, [])).toBe(false);
  expect(mayTick({ owner: 'rm' }, ['rm'])).toBe(true);
  expect(mayUntick(item, ['qa_lead'])).toBe(true);
  expect(mayUntick(item, ['rm'])).toBe(true);
  expect(mayUntick(item, ['devops'])).toBe(false);
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
