import { levelTimings } from '../domain/escalation.ts';
import { formatUtc, markdownText } from '../domain/release-record.ts';
import type { MetricsSource } from './get-metrics.ts';
import type { RecordSectionProvider } from './get-release-record.ts';

/** Each level an escalation reached, with when it was posted there, acknowledged and resolved (for metrics). */
export const escalationMetricsSource: MetricsSource = (deps, release) => ({
  escalations: deps.store.escalations.listForRelease(release.id).flatMap((escalation) =>
    levelTimings(escalation).map((timing) => {
      const after = (ms: number | null) => (ms === null ? null : new Date(timing.postedAt.getTime() + ms));
      return {
        level: timing.level,
        raisedAt: timing.postedAt,
        acknowledgedAt: after(timing.timeToAcknowledgeMs),
        resolvedAt: after(timing.timeToResolveMs),
      };
    }),
  ),
});

/** The release's escalations for its exported record: summary, levels reached, acknowledgement, resolution. */
export const escalationRecordSection: RecordSectionProvider = (deps, release) => {
  const lines = deps.store.escalations.listForRelease(release.id).map((e) => {
    const levels = e.history.map((step) => `L${step.level} ${formatUtc(new Date(step.postedAt))}`).join(' → ');
    const acked = e.history.find((step) => step.acknowledgedAt && step.acknowledgedBy);
    const ack = acked?.acknowledgedAt
      ? `; acknowledged by ${acked.acknowledgedBy} ${formatUtc(new Date(acked.acknowledgedAt))}`
      : '';
    const resolved =
      e.status === 'resolved'
        ? `; resolved by ${e.resolvedBy} ${formatUtc(e.resolvedAt)}: ${markdownText(e.resolution)}`
        : `; ${e.status}`;
    return `- #${e.id} ${markdownText(e.summary)} (raised by ${e.raisedBy}; ${levels}${ack}${resolved})`;
  });
  return [{ title: 'Escalations', lines }];
};
