import { type Failure, fail } from '../../core/deps.ts';
import { calendarDateIn } from '../../core/domain/calendar.ts';
import { parseDuration } from '../../core/domain/duration.ts';
import { parseHolidays, parseOneWeekday, parseTimeOfDay, parseWorkingDays } from '../../core/domain/local-time.ts';
import { code, releaseLabel } from '../../core/domain/markup.ts';
import { isActive, type Release } from '../../core/domain/release.ts';
import { holdersOf, isReleaseManager, ROLE_LABELS } from '../../core/domain/roles.ts';
import type { Timer } from '../../core/domain/timers.ts';
import type { CadenceDeps } from '../deps.ts';
import {
  type CadenceConfig,
  type DmStandup,
  type Occurrence,
  STANDUP_DELIVERIES,
  upcomingDmStandups,
  upcomingOccurrences,
} from '../domain/schedule.ts';
import type { OccurrenceRecord } from '../ports.ts';
import { dmRecipients } from './standup-dms.ts';
import { awayFor } from './standups.ts';

export type StandupConfigInput = {
  time?: string | undefined;
  days?: string | undefined;
  reminder?: string | undefined;
  cutoff?: string | undefined;
  holidays?: string | undefined;
  delivery?: string | undefined;
};

export type RiskConfigInput = { day?: string | undefined; time?: string | undefined; collect?: string | undefined };

export type ConfigResult = { ok: true; config: CadenceConfig; changed: boolean } | Failure;

async function onlyReleaseManager(deps: CadenceDeps, release: Release, actorId: string): Promise<Failure | undefined> {
  if (!isActive(release)) return fail(`${releaseLabel(release)} has ended.`);
  const assignments = await deps.store.releases.assignments(release.id);
  if (isReleaseManager(assignments, actorId)) return undefined;
  const managers = holdersOf(assignments, 'rm');
  return fail(
    managers.length === 0
      ? `${releaseLabel(release)} has no ${ROLE_LABELS.rm}. Name one first: \`/release role rm @person\`.`
      : `Only the ${ROLE_LABELS.rm} (${managers.map((id) => `<@${id}>`).join(', ')}) can change the schedule.`,
  );
}

async function save(
  deps: CadenceDeps,
  release: Release,
  actorId: string,
  next: CadenceConfig,
  changed: boolean,
): Promise<ConfigResult> {
  if (!changed) return { ok: true, config: next, changed };
  const now = deps.clock.now();
  const config = { ...next, updatedAt: now };
  await deps.store.transaction(async () => {
    await deps.store.cadence.saveConfig(release.id, config, actorId);
    await deps.store.audit.record({
      teamId: release.teamId,
      releaseId: release.id,
      actorId,
      action: 'cadence.configured',
      subject: 'cadence',
      after: { ...config, updatedAt: undefined },
      at: now,
    });
  });
  return { ok: true, config, changed };
}

/** `/release standup config`: only the options given change; the rest keep their value. */
export async function configureStandup(
  deps: CadenceDeps,
  input: { release: Release; actorId: string; options: StandupConfigInput },
): Promise<ConfigResult> {
  // The permission check and the merge with the current configuration run in the transaction that saves it.
  return deps.store.transaction(() => configureStandupNow(deps, input));
}

async function configureStandupNow(
  deps: CadenceDeps,
  input: { release: Release; actorId: string; options: StandupConfigInput },
): Promise<ConfigResult> {
  const denied = await onlyReleaseManager(deps, input.release, input.actorId);
  if (denied) return denied;
  const current = await deps.store.cadence.config(input.release.id);
  const next: CadenceConfig = { ...current };
  const { time, days, reminder, cutoff, holidays, delivery } = input.options;
  if (delivery !== undefined) {
    const value = STANDUP_DELIVERIES.find((d) => d === delivery.toLowerCase());
    if (!value)
      return fail(
        `${code(delivery)} is not a delivery: \`delivery:channel\` posts one prompt in the channel, \`delivery:dm\` asks each role holder by DM at their own local time.`,
      );
    next.standupDelivery = value;
  }
  if (time !== undefined) {
    const minutes = parseTimeOfDay(time);
    if (minutes === undefined)
      return fail(`${code(time)} is not a time: write it as HH:MM (24 h), e.g. \`time:09:30\`.`);
    next.standupTime = minutes;
  }
  if (days !== undefined) {
    const parsed = parseWorkingDays(days);
    if (!parsed || parsed.length === 0)
      return fail(
        `${code(days)} are not working days: write e.g. \`days:mon-fri\`, \`days:sun-thu\` or \`days:mon,wed,fri\`.`,
      );
    next.workingDays = parsed;
  }
  for (const [name, raw, field] of [
    ['reminder', reminder, 'reminderAfterMs'],
    ['cutoff', cutoff, 'cutoffAfterMs'],
  ] as const) {
    if (raw === undefined) continue;
    const ms = parseDuration(raw);
    if (ms === undefined || ms > 24 * 3_600_000)
      return fail(`${code(raw)} is not a duration of up to a day: write e.g. \`${name}:2h\` or \`${name}:90m\`.`);
    next[field] = ms;
  }
  if (next.reminderAfterMs >= next.cutoffAfterMs)
    return fail('The reminder must come before the cut-off: e.g. `reminder:2h cutoff:4h` (both after the prompt).');
  if (holidays !== undefined) {
    const parsed = parseHolidays(holidays);
    if (!parsed.ok)
      return fail(
        `${code(parsed.bad)} is not a holiday: write dates as YYYY-MM-DD and yearly ones as --MM-DD, separated by commas, e.g. \`holidays:2026-12-24,--12-25\` (\`holidays:none\` clears them).`,
      );
    next.holidays = parsed.holidays;
  }
  const changed = [time, days, reminder, cutoff, holidays, delivery].some((v) => v !== undefined);
  return save(deps, input.release, input.actorId, next, changed);
}

/** `/release risk config`: the weekly review's day, time and how long leads have before the report. */
export async function configureRiskReview(
  deps: CadenceDeps,
  input: { release: Release; actorId: string; options: RiskConfigInput },
): Promise<ConfigResult> {
  return deps.store.transaction(() => configureRiskReviewNow(deps, input));
}

async function configureRiskReviewNow(
  deps: CadenceDeps,
  input: { release: Release; actorId: string; options: RiskConfigInput },
): Promise<ConfigResult> {
  const denied = await onlyReleaseManager(deps, input.release, input.actorId);
  if (denied) return denied;
  const next: CadenceConfig = { ...(await deps.store.cadence.config(input.release.id)) };
  const { day, time, collect } = input.options;
  if (day !== undefined) {
    const weekday = parseOneWeekday(day);
    if (weekday === undefined) return fail(`${code(day)} is not a weekday: write e.g. \`day:mon\`.`);
    next.riskDay = weekday;
  }
  if (time !== undefined) {
    const minutes = parseTimeOfDay(time);
    if (minutes === undefined)
      return fail(`${code(time)} is not a time: write it as HH:MM (24 h), e.g. \`time:10:00\`.`);
    next.riskTime = minutes;
  }
  if (collect !== undefined) {
    const ms = parseDuration(collect);
    if (ms === undefined || ms > 3 * 86_400_000)
      return fail(`${code(collect)} is not a duration of up to 3 days: write e.g. \`collect:4h\`.`);
    next.riskCollectMs = ms;
  }
  return save(
    deps,
    input.release,
    input.actorId,
    next,
    [day, time, collect].some((v) => v !== undefined),
  );
}

export type ReleaseSchedule = {
  release: Release;
  config: CadenceConfig;
  today: string;
  /** With DM delivery, everything but the standups, which are in `dmStandups`. */
  upcoming: Occurrence[];
  /** With DM delivery: the next standup days, each person at their own local time; those away that day marked. */
  dmStandups: (DmStandup & { away: ReadonlySet<string> })[];
  pending: Timer[];
  missed: OccurrenceRecord[];
};

/** How many DM standup days `/release schedule` lists: each lists every holder, so fewer than the other runs. */
const DM_STANDUP_DAYS = 3;

/**
 * `/release schedule`: the next runs in the release's zone, pending follow-ups, and runs that were missed. With DM
 * delivery the standups are listed per person, at the standup time in each holder's own Slack zone.
 */
export async function getReleaseSchedule(deps: CadenceDeps, release: Release, limit = 8): Promise<ReleaseSchedule> {
  const now = deps.clock.now();
  const today = calendarDateIn(now, release.timeZone);
  const config = await deps.store.cadence.config(release.id);
  const active = isActive(release);
  const byDm = config.standupDelivery === 'dm';
  const upcoming = active
    ? upcomingOccurrences(release, config, now, today, byDm ? Number.POSITIVE_INFINITY : limit)
        .filter((o) => !byDm || o.job !== 'standup')
        .slice(0, limit)
    : [];
  const dmStandups: ReleaseSchedule['dmStandups'] = [];
  if (active && byDm) {
    const people = await dmRecipients(deps, release, await deps.store.releases.assignments(release.id));
    for (const standup of upcomingDmStandups(release, config, people, now, today, Math.min(limit, DM_STANDUP_DAYS))) {
      dmStandups.push({ ...standup, away: await awayFor(deps, release, standup.slot) });
    }
  }
  return {
    release,
    config,
    today,
    upcoming,
    dmStandups,
    pending: (await deps.store.timers.pending(release.id)).slice(0, limit),
    missed: await deps.store.cadence.missed(release.id, 5),
  };
}
