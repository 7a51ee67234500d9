import { expect, test } from 'vitest';
import { CHECKLIST_OVERRIDE_AREA } from '../../../../src/governance/domain/authority.ts';
import { buildDecisionLogMessage } from '../../../../src/governance/slack/views/decision-log.ts';
import type { DecisionLogEntry } from '../../../../src/governance/usecases/list-decisions.ts';

const base = { teamId: 'T', releaseId: 1, releaseName: '2.4.0', decidedAt: new Date('2026-12-09T10:00:00Z') };

test('the log shows poll decisions and authority decisions each in their own words, escaped', () => {
  const entries: DecisionLogEntry[] = [
    {
      ...base,
      id: 2,
      kind: 'authority',
      area: CHECKLIST_OVERRIDE_AREA,
      outcome: 'go_with_open_items',
      rationale: 'docs follow <!here>',
      decidedBy: 'URM',
      details: { openItems: ['Documentation updated'] },
    },
    { ...base, id: 1, kind: 'go_no_go', area: null, outcome: 'go', rationale: null, decidedBy: 'URM', details: {} },
  ];
  const text = JSON.stringify(buildDecisionLogMessage({ entries, scope: undefined }));
  expect(text).toContain('Checklist override (Go with open items)');
  expect(text).toContain('open items Documentation updated');
  expect(text).toContain('docs follow &lt;!here&gt;');
  expect(text).not.toContain('<!here>');
  expect(text).toContain('Go/No-Go');
});
