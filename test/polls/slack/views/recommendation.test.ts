import { expect, test } from 'vitest';
import { describeRecommendation } from '../../../../src/polls/slack/views/go-no-go-poll.ts';

const waiting = {
  side: 'no_go' as const,
  complete: false,
  conditions: [],
  waitingFor: ['devops' as const, 'product_owner' as const],
};

test('nothing is recommended while roles are still to vote and nobody objected', () => {
  expect(describeRecommendation('go_no_go', { ...waiting, objections: [] })).toBe(
    '*Recommendation: not yet*, waiting for DevOps Engineer, Product Owner',
  );
});

test('an objection already means No-Go, shown with its reason, escaped', () => {
  const text = describeRecommendation('go_no_go', {
    ...waiting,
    objections: [{ role: 'qa_lead', voterId: 'UQA', note: 'P1 open <!here>' }],
  });
  expect(text).toContain('*Recommendation so far: No-Go* (waiting for DevOps Engineer, Product Owner)');
  expect(text).toContain('P1 open &lt;!here&gt;');
});
