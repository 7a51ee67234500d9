import type { KnownBlock } from '@slack/types';
import { calendarDateIn } from '../../../core/domain/calendar.ts';
import { formatDuration } from '../../../core/domain/duration.ts';
import { formatHolidays, formatTimeOfDay, formatWorkingDays, WEEKDAY_KEYS } from '../../../core/domain/local-time.ts';
import { escapeMrkdwn } from '../../../core/domain/markup.ts';
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

function localTime(at: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${formatDate(calendarDateIn(at, timeZone))} ${time}`;
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
  const next = schedule.upcoming[0];
  const lines = [
    next
      ? `*Next*: ${JOB_LABELS[next.job]} ${localTime(next.at, schedule.release.timeZone)}`
      : '*Next*: _nothing scheduled_',
  ];
  if (schedule.missed.length > 0)
    lines.push(`*Missed*\n${missedLines(schedule.missed, schedule.release.timeZone).join('\n')}`);
  return [section(lines.join('\n'))];
}
