import { actorLabel } from '../../core/domain/actors.ts';
import { formatDuration } from '../../core/domain/duration.ts';
import { formatUtc, markdownText } from '../../core/domain/markdown.ts';
import { escapeMrkdwn } from '../../core/domain/markup.ts';
import type { Release } from '../../core/domain/release.ts';
import type { MetricsFacts, RecordSection } from '../../core/domain/reports.ts';
import type { EscalationDeps } from '../deps.ts';
import { acknowledgedFor, isActive, levelTimings } from '../domain/escalation.ts';
import { LEVEL_RULES } from '../domain/levels.ts';

/** At most this many open escalations are listed in the weekly risk report (the rest are counted). */
export const RISK_REPORT_ESCALATIONS_SHOWN = 10;
const SUMMARY_SHOWN = 140;

/**
 * The weekly risk report's "Open escalations" section (issue 4 item 10): every escalation of the release not yet
 * resolved, oldest first, with its level, state and age; typed summaries escaped and shortened.
 */
export const escalationRiskReportExtra = async (deps: EscalationDeps, release: Release): Promise<string[]> => {
  const now = deps.clock.now();
  const open = (await deps.store.escalations.listForRelease(release.id))
    .filter(isActive)
    .sort((a, b) => a.raisedAt.getTime() - b.raisedAt.getTime());
  if (open.length === 0) return ['*Open escalations*: none'];
  const lines = open.slice(0, RISK_REPORT_ESCALATIONS_SHOWN).map((e) => {
    const summary = e.summary.length > SUMMARY_SHOWN ? `${e.summary.slice(0, SUMMARY_SHOWN - 1)}…` : e.summary;
    const state =
      e.status === 'acknowledged'
        ? `acknowledged by <@${e.acknowledgedBy}>${acknowledgedFor(e) ? ` for <@${acknowledgedFor(e)}>` : ''}`
        : e.status === 'expired'
          ? 'no longer auto-escalated (too old)'
          : 'not acknowledged';
    const age = formatDuration(now.getTime() - e.raisedAt.getTime());
    return `• #${e.id} · Level ${e.level} (${LEVEL_RULES[e.level].name}) · ${state} · raised ${age} ago: ${escapeMrkdwn(summary.replace(/\s+/g, ' '))}`;
  });
  const more = open.length - lines.length;
  if (more > 0) lines.push(`…and ${more} more: \`/release escalations\``);
  return [[`*Open escalations* (${open.length})`, ...lines].join('\n')];
};

/** Each level an escalation reached, with when it was posted there, acknowledged and resolved (for metrics). */
export const escalationMetricsSource = async (
  deps: EscalationDeps,
  release: Release,
): Promise<Partial<MetricsFacts>> => ({
  escalations: (await deps.store.escalations.listForRelease(release.id)).flatMap((escalation) =>
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
export const escalationRecordSection = async (deps: EscalationDeps, release: Release): Promise<RecordSection[]> => {
  const lines = (await deps.store.escalations.listForRelease(release.id)).map((e) => {
    const levels = e.history.map((step) => `L${step.level} ${formatUtc(new Date(step.postedAt))}`).join(' → ');
    const acked = e.history.find((step) => step.acknowledgedAt && step.acknowledgedBy);
    const ack = acked?.acknowledgedAt
      ? `; acknowledged by ${acked.acknowledgedBy}${acked.acknowledgedFor ? ` for ${acked.acknowledgedFor}` : ''} ${formatUtc(new Date(acked.acknowledgedAt))}`
      : '';
    const resolved =
      e.status === 'resolved'
        ? `; resolved by ${e.resolvedBy} ${formatUtc(e.resolvedAt)}: ${markdownText(e.resolution)}`
        : `; ${e.status}`;
    return `- #${e.id} ${markdownText(e.summary)} (raised by ${markdownText(actorLabel(e.raisedBy))}; ${levels}${ack}${resolved})`;
  });
  return [{ title: 'Escalations', lines }];
};
