import { expect, test } from 'vitest';
import {
  acknowledge,
  decideStep,
  type Escalation,
  escalateTo,
  expire,
  levelTimings,
  type OpenEscalation,
  openNewEscalation,
  reping,
  resolve,
} from '../../../src/escalation/domain/escalation.ts';
import {
  CATEGORY_KEYS,
  decideRaiseLevel,
  ESCALATION_CATEGORIES,
  type EscalationLevel,
  nextConfiguredLevel,
  parseCategory,
  parseLevel,
} from '../../../src/escalation/domain/levels.ts';

const T0 = new Date('2026-11-23T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const ALL = new Set<EscalationLevel>([1, 2, 3]);
const POLICY = { maxAgeMs: 7 * 86_400_000, configured: ALL };

function open(level: EscalationLevel = 1): OpenEscalation {
  return {
    id: 1,
    ...openNewEscalation(
      { teamId: 'T1', releaseId: 1, category: null, summary: 'CI is down', raisedBy: 'UQA', level },
      T0,
      30 * 60_000,
    ),
  };
}

test.each([
  ['minor', 1],
  ['delay', 2],
  ['blocker', 2],
  ['resources', 2],
  ['budget', 2],
  ['coordination', 2],
  ['outage', 3],
  ['system-failure', 3],
  ['security', 3],
  ['data-loss', 3],
  ['compliance', 3],
] as const)('category %s defaults to level %i', (key, level) => {
  expect(ESCALATION_CATEGORIES[key].level).toBe(level);
});

test('the categories are exactly those of commands.md, parsed case-insensitively', () => {
  expect(CATEGORY_KEYS).toHaveLength(11);
  expect(parseCategory('Data_Loss')).toBe('data-loss');
  expect(parseCategory('fire')).toBeUndefined();
  expect(parseLevel('2')).toBe(2);
  expect(parseLevel('4')).toBeUndefined();
  expect(parseLevel('two')).toBeUndefined();
});

test('the raise level: asked for, else the category, else 1; an unconfigured level falls back lower', () => {
  expect(decideRaiseLevel(undefined, undefined, ALL)).toEqual({ level: 1, reachable: 1, missing: undefined });
  expect(decideRaiseLevel(undefined, 'security', ALL)).toEqual({ level: 3, reachable: 3, missing: undefined });
  expect(decideRaiseLevel(1, 'security', ALL).level).toBe(1);
  // No silent downgrade: recorded at the level it belongs to, posted at the highest reachable one.
  expect(decideRaiseLevel(undefined, 'delay', new Set([1]))).toEqual({ level: 2, reachable: 1, missing: 2 });
  expect(decideRaiseLevel(3, undefined, new Set([1, 2]))).toEqual({ level: 3, reachable: 2, missing: 3 });
  expect(nextConfiguredLevel(1, new Set([1, 3]))).toBe(3);
  expect(nextConfiguredLevel(2, new Set([1, 2]))).toBeUndefined();
});

test('pending → acknowledged → resolved, recording who and when', () => {
  const acked = acknowledge(open(), 'UTECH', at(5));
  expect(acked).toMatchObject({
    ok: true,
    changed: true,
    escalation: { status: 'acknowledged', acknowledgedBy: 'UTECH' },
  });
  if (!acked.ok) throw new Error('unreachable');
  const resolved = resolve(acked.escalation, 'URM', 'Restarted the runner', at(20));
  expect(resolved).toMatchObject({
    ok: true,
    escalation: { status: 'resolved', acknowledgedBy: 'UTECH', resolvedBy: 'URM', resolution: 'Restarted the runner' },
  });
});

test('races: a double acknowledgement counts once; acknowledge or resolve after a resolve changes nothing', () => {
  const first = acknowledge(open(), 'UTECH', at(5));
  if (!first.ok) throw new Error('unreachable');
  const second = acknowledge(first.escalation, 'UQA', at(6));
  expect(second).toEqual({ ok: true, changed: false, escalation: first.escalation });
  const resolved = resolve(open(), 'URM', 'done', at(7));
  if (!resolved.ok) throw new Error('unreachable');
  expect(acknowledge(resolved.escalation, 'UTECH', at(8))).toEqual({ ok: false, reason: 'resolved' });
  expect(resolve(resolved.escalation, 'UTECH', 'again', at(8))).toEqual({ ok: false, reason: 'resolved' });
  expect(escalateTo(resolved.escalation, 2, 'manual', 'UTECH', at(8), 1)).toEqual({ ok: false, reason: 'resolved' });
  expect(resolve(open(), 'URM', '  ', at(7))).toEqual({ ok: false, reason: 'note_required' });
});

test('escalating keeps the history of levels and refuses to go beyond level 3', () => {
  const two = escalateTo(open(), 2, 'auto', null, at(30), 15 * 60_000);
  if (!two.ok) throw new Error('unreachable');
  expect(two.escalation).toMatchObject({ status: 'open', level: 2, step: 1, nextStepAt: at(45) });
  expect(two.escalation.history.map((s) => [s.level, s.via, s.postedAt])).toEqual([
    [1, 'raised', T0.toISOString()],
    [2, 'auto', at(30).toISOString()],
  ]);
  const three = escalateTo(two.escalation, 3, 'manual', 'URM', at(35), 10 * 60_000);
  if (!three.ok) throw new Error('unreachable');
  expect(escalateTo(three.escalation, 3, 'manual', 'URM', at(36), 1)).toEqual({ ok: false, reason: 'at_top' });
  expect(escalateTo(two.escalation, 2, 'manual', 'URM', at(36), 1)).toEqual({ ok: false, reason: 'not_higher' });
});

test('an acknowledged escalation escalated by hand is pending again at the next level', () => {
  const acked = acknowledge(open(), 'UTECH', at(5));
  if (!acked.ok) throw new Error('unreachable');
  const up = escalateTo(acked.escalation, 2, 'manual', 'UTECH', at(10), 15 * 60_000);
  expect(up).toMatchObject({ ok: true, escalation: { status: 'open', level: 2 } });
});

test('the step decision reads the current state: stale, acknowledged, not due, escalate, re-ping, expire', () => {
  const e = open();
  expect(decideStep(e, 0, at(29), POLICY)).toEqual({ kind: 'skip', reason: 'not_due' });
  expect(decideStep(e, 0, at(30), POLICY)).toEqual({ kind: 'escalate', to: 2 });
  expect(decideStep(e, 0, at(30), { ...POLICY, configured: new Set([1, 3]) })).toEqual({ kind: 'escalate', to: 3 });
  expect(decideStep(e, 0, at(30), { ...POLICY, configured: new Set([1]) })).toEqual({ kind: 'reping' });
  expect(decideStep(e, 1, at(30), POLICY)).toEqual({ kind: 'skip', reason: 'stale_step' });
  const acked = acknowledge(e, 'U', at(1));
  if (!acked.ok) throw new Error('unreachable');
  expect(decideStep(acked.escalation, 0, at(30), POLICY)).toEqual({ kind: 'skip', reason: 'not_open' });
  const top = open(3);
  expect(decideStep(top, 0, at(30), POLICY)).toEqual({ kind: 'reping' });
  expect(decideStep(top, 0, at(30), { ...POLICY, maxAgeMs: 30 * 60_000 })).toEqual({ kind: 'expire' });
  const expired: Escalation = expire(top, at(30));
  expect(decideStep(expired, 0, at(90), POLICY)).toEqual({ kind: 'skip', reason: 'not_open' });
  expect(acknowledge(expired, 'U', at(91))).toMatchObject({ ok: true, changed: true });
});

test('re-pinging stays at the level and moves the next step', () => {
  const again = reping(open(3), at(10), 10 * 60_000);
  expect(again).toMatchObject({ level: 3, step: 1, nextStepAt: at(20) });
  expect(again.history.at(-1)?.via).toBe('reping');
});

test('time to acknowledge and to resolve per level', () => {
  const two = escalateTo(open(), 2, 'auto', null, at(30), 15 * 60_000);
  if (!two.ok) throw new Error('unreachable');
  const acked = acknowledge(two.escalation, 'UMGR', at(40));
  if (!acked.ok) throw new Error('unreachable');
  const done = resolve(acked.escalation, 'UMGR', 'fixed', at(90));
  if (!done.ok) throw new Error('unreachable');
  expect(levelTimings(done.escalation)).toEqual([
    { level: 1, postedAt: T0, timeToAcknowledgeMs: null, timeToResolveMs: null },
    { level: 2, postedAt: at(30), timeToAcknowledgeMs: 10 * 60_000, timeToResolveMs: 60 * 60_000 },
  ]);
});
