import { type Failure, fail } from '../../core/deps.ts';
import { calendarDateIn } from '../../core/domain/calendar.ts';
import { escapeMrkdwn, releaseLabel } from '../../core/domain/markup.ts';
import { isActive, type Release } from '../../core/domain/release.ts';
import { ROLE_LABELS, ROLES, type Role, rolesOf } from '../../core/domain/roles.ts';
import type { Timer } from '../../core/domain/timers.ts';
import { actorsForRole, awayOn, setAbsence } from '../../releases/index.ts';
import type { CadenceDeps } from '../deps.ts';
import {
  type AnswerProblem,
  missingAnswers,
  type RoleAnswers,
  type Standup,
  type StandupAnswer,
  summarizeStandup,
  validateRoleAnswers,
} from '../domain/standup.ts';

export const STANDUP_TIMERS = { reminder: 'standup.reminder', summary: 'standup.summary' } as const;

async function holders(deps: CadenceDeps, release: Release): Promise<string[]> {
  return [...new Set((await deps.store.releases.assignments(release.id)).map((a) => a.userId))];
}

/**
 * Posts the day's standup prompt (once: a prompt already posted is not posted again) and schedules its reminder and
 * summary as durable timers, `base` + the configured delays. Call only with the day's slot claimed.
 */
export async function postStandupPrompt(
  deps: CadenceDeps,
  release: Release,
  slot: string,
  base: Date,
): Promise<Standup> {
  const now = deps.clock.now();
  const { standup, cutoffAt } = await deps.store.transaction(async () => {
    // The timers follow the configuration as it is when they are scheduled.
    const config = await deps.store.cadence.config(release.id);
    const cutoffAt = new Date(base.getTime() + config.cutoffAfterMs);
    const opened = await deps.store.standups.open({
      releaseId: release.id,
      slot,
      channelId: release.channelId,
      at: now,
    });
    await deps.store.timers.schedule({
      kind: STANDUP_TIMERS.reminder,
      key: `${STANDUP_TIMERS.reminder}:${opened.id}`,
      releaseId: release.id,
      dueAt: new Date(base.getTime() + config.reminderAfterMs),
      payload: { standupId: opened.id },
    });
    await deps.store.timers.schedule({
      kind: STANDUP_TIMERS.summary,
      key: `${STANDUP_TIMERS.summary}:${opened.id}`,
      releaseId: release.id,
      dueAt: cutoffAt,
      payload: { standupId: opened.id },
    });
    return { standup: opened, cutoffAt };
  });
  if (standup.messageTs) return standup;
  const { ts } = await deps.standupMessenger.postPrompt({
    release,
    standup,
    cutoffAt,
    roleHolders: await holders(deps, release),
  });
  await deps.store.standups.setMessage(standup.id, ts);
  deps.homeRefresh.changed(release.id);
  return { ...standup, messageTs: ts };
}

export type StandupNowResult = { ok: true; standup: Standup } | Failure;

/** `/release standup now`: today's prompt at once; claims today's slot so the scheduled one does not post again. */
export async function startStandupNow(
  deps: CadenceDeps,
  input: { release: Release; actorId: string; owner: string },
): Promise<StandupNowResult> {
  const { release } = input;
  const now = deps.clock.now();
  if (!isActive(release)) return fail(`${releaseLabel(release)} has ended; there are no more standups.`);
  const slot = calendarDateIn(now, release.timeZone);
  // Who may start it and whether today's is posted are checked in the transaction that claims the slot.
  const refused = await deps.store.transaction(async (): Promise<Failure | undefined> => {
    const assignments = await deps.store.releases.assignments(release.id);
    if (rolesOf(assignments, input.actorId).length === 0) {
      return fail(`Only the release's role holders can start a standup for ${releaseLabel(release)}.`);
    }
    const existing = await deps.store.standups.findBySlot(release.id, slot);
    if (existing?.messageTs) return fail(`Today's standup (${slot}) is already posted; answer it in its thread.`);
    const claimed = await deps.store.cadence.claim({
      releaseId: release.id,
      job: 'standup',
      slot,
      dueAt: now,
      owner: input.owner,
      now,
      includeMissed: true,
    });
    if (!claimed) return fail(`Today's standup (${slot}) is being posted right now; look for it in the channel.`);
    return undefined;
  });
  if (refused) return refused;
  try {
    const standup = await postStandupPrompt(deps, release, slot, now);
    await deps.store.cadence.finish(
      release.id,
      'standup',
      slot,
      'done',
      deps.clock.now(),
      `started by ${input.actorId}`,
    );
    return { ok: true, standup };
  } catch (error) {
    await deps.store.cadence.finish(release.id, 'standup', slot, 'failed', deps.clock.now(), String(error));
    throw error;
  }
}

/**
 * The answer form: the questions of every role the person holds, and of every role they act for today as the
 * delegate of an away holder (`forHolder`: whose answer it becomes), with today's answers.
 */
export type StandupForm = {
  release: Release;
  standup: Standup;
  roles: Role[];
  forHolder: Partial<Record<Role, string>>;
  existing: RoleAnswers;
};

/** What the person who clicked "Answer" is asked: their roles' questions and those of the holders they act for. */
export async function getStandupForm(
  deps: CadenceDeps,
  standupId: number,
  userId: string,
): Promise<{ ok: true; form: StandupForm } | Failure> {
  const standup = await deps.store.standups.findById(standupId);
  const release = standup && (await deps.store.releases.findById(standup.releaseId));
  if (!standup || !release) return fail('That standup no longer exists.');
  // A person asked by DM answers on their own local date.
  const dm = (await deps.store.standups.dms(standup.id)).find((d) => d.userId === userId);
  const today = calendarDateIn(deps.clock.now(), dm?.timeZone ?? release.timeZone);
  if (today !== standup.slot) {
    return fail(`That standup was on ${standup.slot}; answers can be given or changed only on the day.`);
  }
  if (standup.summaryTs) {
    return fail(`The standup of ${standup.slot} is closed: its summary is posted in <#${standup.channelId}>.`);
  }
  const assignments = await deps.store.releases.assignments(release.id);
  const absences = await deps.store.releases.absences(release.id);
  const own = rolesOf(assignments, userId);
  // The same rule as votes and acknowledgements: a delegate acts for the away holder's roles on the standup's day.
  const forHolder: Partial<Record<Role, string>> = {};
  for (const role of ROLES) {
    const mine = actorsForRole(assignments, absences, role, standup.slot).find((a) => a.userId === userId);
    if (mine?.forHolder) forHolder[role] = mine.forHolder;
  }
  const roles = ROLES.filter((r) => own.includes(r) || forHolder[r]);
  if (roles.length === 0) {
    return fail(
      `You hold no role in ${releaseLabel(release)} and stand in for nobody who is away, so there is nothing for ` +
        'you to answer. Roles are named with `/release role &lt;role&gt; @person`.',
    );
  }
  const answers = await deps.store.standups.answers(standup.id);
  const existing: RoleAnswers = {};
  for (const role of roles) {
    const value = answers.find((a) => a.userId === (forHolder[role] ?? userId))?.answers[role];
    if (value) existing[role] = value;
  }
  return { ok: true, form: { release, standup, roles, forHolder, existing } };
}

export type RecordAnswerResult =
  | { ok: true; answers: StandupAnswer[]; edited: boolean }
  | { ok: false; message: string; problems: AnswerProblem[] };

/**
 * Saves a person's answers for their roles, and a delegate's for the away holder's roles as the holder's answer
 * (`answered_by` the delegate); each saved answer's thread reply is posted (or, on an edit, updated in place).
 */
export async function saveStandupAnswer(
  deps: CadenceDeps,
  input: { standupId: number; userId: string; raw: Partial<Record<Role, Record<string, string | undefined>>> },
): Promise<RecordAnswerResult> {
  // The form (the day, the person's roles, what they answered before) is read in the transaction that saves.
  return deps.store.transaction(() => saveAnswerNow(deps, input));
}

async function saveAnswerNow(
  deps: CadenceDeps,
  input: { standupId: number; userId: string; raw: Partial<Record<Role, Record<string, string | undefined>>> },
): Promise<RecordAnswerResult> {
  const found = await getStandupForm(deps, input.standupId, input.userId);
  if (!found.ok) return { ...found, problems: [] };
  const { form } = found;
  const byOwner = new Map<string, RoleAnswers>();
  const problems: AnswerProblem[] = [];
  for (const role of form.roles) {
    const checked = validateRoleAnswers(role, input.raw[role] ?? {});
    if (!checked.ok) {
      problems.push(...checked.problems);
      continue;
    }
    const owner = form.forHolder[role] ?? input.userId;
    byOwner.set(owner, { ...byOwner.get(owner), [role]: checked.values });
  }
  if (problems.length > 0) return { ok: false, message: problems.map((p) => p.message).join(' '), problems };
  const now = deps.clock.now();
  const edited = Object.keys(form.existing).length > 0;
  const saved: StandupAnswer[] = [];
  for (const [owner, answers] of byOwner) {
    saved.push(
      await deps.store.standups.saveAnswer({
        standupId: form.standup.id,
        userId: owner,
        answers,
        answeredBy: owner === input.userId ? null : input.userId,
        at: now,
      }),
    );
  }
  return { ok: true, answers: saved, edited };
}

/** Posts the answer in the prompt's thread, or updates the reply already there. */
export async function publishStandupAnswer(deps: CadenceDeps, answerId: number): Promise<void> {
  const answer = await deps.store.standups.findAnswer(answerId);
  const standup = answer && (await deps.store.standups.findById(answer.standupId));
  const release = standup && (await deps.store.releases.findById(standup.releaseId));
  if (!answer || !standup || !release) return;
  // The answerer's (and a delegate's) Home no longer offers *Answer standup*.
  deps.homeRefresh.changed(release.id, [answer.userId]);
  if (answer.replyTs) {
    await deps.standupMessenger.updateAnswer({ release, standup, answer, ts: answer.replyTs });
    return;
  }
  const { ts } = await deps.standupMessenger.postAnswer({ release, standup, answer });
  await deps.store.standups.setAnswerReply(answer.id, ts);
}

async function standupOf(deps: CadenceDeps, timer: Timer) {
  const standupId = (timer.payload as { standupId?: number } | null)?.standupId;
  const standup = standupId === undefined ? undefined : await deps.store.standups.findById(standupId);
  const release = standup && (await deps.store.releases.findById(standup.releaseId));
  return standup && release ? { standup, release } : undefined;
}

/** The reminder: one thread reply mentioning only the role holders who have not answered. */
export async function remindStandup(deps: CadenceDeps, timer: Timer, now: Date): Promise<void> {
  const found = await standupOf(deps, timer);
  if (!found?.standup.messageTs || found.standup.summaryTs || found.standup.remindedAt) return;
  const { standup, release } = found;
  if (!isActive(release)) return;
  const config = await deps.store.cadence.config(release.id);
  const cutoffAt = new Date(timer.dueAt.getTime() - config.reminderAfterMs + config.cutoffAfterMs);
  if (now.getTime() >= cutoffAt.getTime()) return; // too late to be useful: the summary names who is missing
  const missing = missingAnswers(
    await deps.store.releases.assignments(release.id),
    await deps.store.standups.answers(standup.id),
    await awayFor(deps, release, standup.slot),
  );
  if (missing.length > 0) {
    await deps.standupMessenger.remind({ release, standup, userIds: missing.map((m) => m.userId), cutoffAt });
  }
  await deps.store.standups.setReminded(standup.id, now);
}

/** The cut-off: the summary, posted once. */
export async function summarizeStandupNow(deps: CadenceDeps, timer: Timer, now: Date): Promise<void> {
  const found = await standupOf(deps, timer);
  if (!found?.standup.messageTs || found.standup.summaryTs) return;
  const { standup, release } = found;
  const summary = summarizeStandup(
    standup.slot,
    await deps.store.releases.assignments(release.id),
    await deps.store.standups.answers(standup.id),
    await awayFor(deps, release, standup.slot),
  );
  const names: Record<string, string> = {};
  for (const id of new Set(summary.delegated.flatMap((d) => [d.delegateId, d.holderId]))) {
    names[id] = (await deps.users.lookup(id).catch(() => undefined))?.name ?? id;
  }
  const { ts } = await deps.standupMessenger.postSummary({ release, standup, summary, names });
  await deps.store.standups.setSummary(standup.id, ts, now);
  deps.homeRefresh.changed(release.id);
  await closeStandupPrompts(deps, release, { ...standup, summaryTs: ts }, ts);
}

/** Once the summary is out, every prompt of the standup (the channel's and each DM) loses its buttons. */
async function closeStandupPrompts(deps: CadenceDeps, release: Release, standup: Standup, summaryTs: string) {
  const targets = [
    ...(standup.messageTs ? [{ channel: standup.channelId, ts: standup.messageTs }] : []),
    ...(await deps.store.standups.dms(standup.id)).flatMap((d) =>
      d.channelId && d.messageTs ? [{ channel: d.channelId, ts: d.messageTs }] : [],
    ),
  ];
  for (const target of targets) {
    try {
      await deps.standupMessenger.closePrompt({ release, standup, target, summaryTs });
    } catch (error) {
      // The summary is posted; a prompt left with its button refuses answers with the reason.
      deps.logger.warn(`could not close standup prompt ${target.channel}/${target.ts}`, error);
    }
  }
}

/** The people away from the release on `slot` (`/release away`): excused from its standup. */
export async function awayFor(deps: CadenceDeps, release: Release, slot: string): Promise<Set<string>> {
  return new Set(awayOn(await deps.store.releases.absences(release.id), slot).map((a) => a.userId));
}

/** App Home: "Answer today's standup" for role holders who have not. */
export async function standupWaiting(deps: CadenceDeps, release: Release, userId: string): Promise<string[]> {
  const today = calendarDateIn(deps.clock.now(), release.timeZone);
  const standup = await deps.store.standups.findBySlot(release.id, today);
  if (!standup?.messageTs || standup.summaryTs) return [];
  const missing = missingAnswers(
    await deps.store.releases.assignments(release.id),
    await deps.store.standups.answers(standup.id),
  );
  const mine = missing.find((m) => m.userId === userId);
  if (!mine) return [];
  const roles = ROLES.filter((r) => mine.roles.includes(r)).map((r) => ROLE_LABELS[r]);
  return [`Answer today's standup in <#${release.channelId}> (${escapeMrkdwn(roles.join(', '))})`];
}

/** The prompt's "Away today": the clicker is away from the standup's release for its day (`/release away`). */
export async function markAwayToday(
  deps: CadenceDeps,
  standupId: number,
  userId: string,
): Promise<{ ok: true; message: string } | Failure> {
  const standup = await deps.store.standups.findById(standupId);
  const release = standup && (await deps.store.releases.findById(standup.releaseId));
  if (!standup || !release) return fail('That standup no longer exists.');
  if (standup.summaryTs) return fail(`The standup of ${standup.slot} is closed.`);
  const result = await setAbsence(deps, { release, actorId: userId });
  if (!result.ok) return result;
  return {
    ok: true,
    message:
      `You are away from ${releaseLabel(release)} today: no reminders, and the summary shows you as away. ` +
      'To name a delegate or stay away longer: `/release away until:YYYY-MM-DD delegate:@person`.',
  };
}
