import type { KnownBlock } from '@slack/types';
import { calendarDateIn } from '../../../core/domain/calendar.ts';
import { formatDuration } from '../../../core/domain/duration.ts';
import { formatHolidays, formatTimeOfDay, formatWorkingDays, WEEKDAY_KEYS } from '../../../core/domain/local-time.ts';
import { escapeMrkdwn } from '../../../core/domain/markup.ts';
import { isActive } from '../../../core/domain/release.ts';
import { formatDate, formatInstant } from '../../../platform/slack/views/format.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { type CadenceConfig, JOB_LABELS } from '../../domain/schedule.ts';
import type { OccurrenceRecord } from '../../ports.ts';
import type { ReleaseSchedule } from '../../usecases/cadence-config.ts';

const TIMER_LABELS: Record<string, string> = {
  'standup.reminder': 'Standup reminder',
  'standup.summary': 'Standup summary',
  'risk.report': 'Weekly risk report',
  'retro.prompt': 'Retrospective prompt',
  'retro.summary': 'Retrospective summary',
};

function clockTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    at,
  );
}

function localTime(at: Date, timeZone: string): string {
  return `${formatDate(calendarDateIn(at, timeZone))} ${clockTime(at, timeZone)}`;
}

export function describeCadence(config: CadenceConfig): string {
  return (
    `*Standups*: ${formatTimeOfDay(config.standupTime)} on ${formatWorkingDays(config.workingDays)}` +
    (config.standupDelivery === 'dm' ? ' (by DM, in each person’s own time zone)' : ' (in the channel)') +
    ', ' +
    `reminder after ${formatDuration(config.reminderAfterMs)}, summary after ${formatDuration(config.cutoffAfterMs)} · ` +
    `holidays: ${escapeMrkdwn(formatHolidays(config.holidays))}\n` +
    `*Weekly risk review*: ${WEEKDAY_KEYS[config.riskDay]} ${formatTimeOfDay(config.riskTime)}, report after ${formatDuration(config.riskCollectMs)}`
  );
}

export function missedLines(missed: OccurrenceRecord[], timeZone: string): string[] {
  return missed.map(
    (m) =>
      `• ${JOB_LABELS[m.job] ?? m.job} of ${m.slot} (due ${localTime(m.dueAt, timeZone)}) was ${m.status === 'missed' ? 'missed: the bot was not running in time' : `not posted: ${escapeMrkdwn(m.note ?? 'it kept failing')}`}`,
  );
}

/**
 * One DM standup day: the prompts still to go out, grouped by zone (everyone in one zone is asked at the same
 * instant), each at its local time with Slack's date token so the reader also sees it in theirs; then the summary.
 */
function dmStandupSection(standup: ReleaseSchedule['dmStandups'][number], releaseZone: string): KnownBlock {
  const groups = new Map<string, { zone: string; at: Date; people: string[] }>();
  for (const prompt of standup.prompts) {
    const key = `${prompt.at.getTime()} ${prompt.timeZone}`;
    const group = groups.get(key) ?? { zone: prompt.timeZone, at: prompt.at, people: [] };
    group.people.push(`<@${prompt.userId}>${standup.away.has(prompt.userId) ? ' (away, not asked)' : ''}`);
    groups.set(key, group);
  }
  const lines = [...groups.values()].map(
    (g) => `• ${clockTime(g.at, g.zone)} ${escapeMrkdwn(g.zone)}: ${g.people.join(', ')} (${formatInstant(g.at)})`,
  );
  lines.push(
    `• Summary in the channel · ${localTime(standup.summaryAt, releaseZone)} (${formatInstant(standup.summaryAt)})`,
  );
  return section(`*Daily standup of ${formatDate(standup.slot)}*, by DM\n${lines.join('\n')}`);
}

export function buildScheduleMessage(schedule: ReleaseSchedule): SlackMessage {
  const { release } = schedule;
  const zone = release.timeZone;
  const upcoming = schedule.upcoming.map(
    (o) => `• ${JOB_LABELS[o.job]} · ${localTime(o.at, zone)} (${formatInstant(o.at)})`,
  );
  const pending = schedule.pending.map((t) => `• ${TIMER_LABELS[t.kind] ?? t.kind} · ${localTime(t.dueAt, zone)}`);
  const blocks: KnownBlock[] = [
    header(`Schedule · ${release.name}`),
    section(describeCadence(schedule.config)),
    section(`*Next runs* (${zone})\n${upcoming.length > 0 ? upcoming.join('\n') : '_nothing scheduled_'}`),
  ];
  if (schedule.config.standupDelivery === 'dm' && isActive(release)) {
    blocks.push(
      context('Standups go by DM, each person at the standup time in their own Slack time zone.'),
      ...(schedule.dmStandups.length > 0
        ? schedule.dmStandups.map((standup) => dmStandupSection(standup, zone))
        : [section('*Daily standups by DM*\n_none ahead: no standup day left in the window, or nobody to ask_')]),
    );
  }
  if (pending.length > 0) blocks.push(section(`*Follow-ups waiting*\n${pending.join('\n')}`));
  if (schedule.missed.length > 0) blocks.push(section(`*Missed*\n${missedLines(schedule.missed, zone).join('\n')}`));
  blocks.push(
    context(
      'Standups run on working days inside the release window; the weekly review until the target date. ' +
        'Change them with `/release standup config` and `/release risk config`.',
    ),
  );
  return { text: `Schedule of ${escapeMrkdwn(release.name)}`, blocks };
}

/** `/release status` extra: the cadence at a glance and any missed runs. */
export function buildScheduleStatusBlocks(schedule: ReleaseSchedule): KnownBlock[] {
  const run = schedule.upcoming[0];
  const prompt = schedule.dmStandups[0]?.prompts[0];
  const zone = schedule.release.timeZone;
  const lines = [
    prompt && (!run || prompt.at.getTime() <= run.at.getTime())
      ? `*Next*: ${JOB_LABELS.standup} by DM, next prompt ${localTime(prompt.at, zone)}` +
        (prompt.timeZone === zone ? '' : ` (${clockTime(prompt.at, prompt.timeZone)} ${escapeMrkdwn(prompt.timeZone)})`)
      : run
        ? `*Next*: ${JOB_LABELS[run.job]} ${localTime(run.at, zone)}`
        : '*Next*: _nothing scheduled_',
  ];
  if (schedule.missed.length > 0)
    lines.push(`*Missed*\n${missedLines(schedule.missed, schedule.release.timeZone).join('\n')}`);
  return [section(lines.join('\n'))];
}
