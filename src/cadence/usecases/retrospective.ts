import type { RetroItem } from '../../core/contributions.ts';
import { type Failure, fail } from '../../core/deps.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import type { Release } from '../../core/domain/release.ts';
import { rolesOf } from '../../core/domain/roles.ts';
import type { Timer } from '../../core/domain/timers.ts';
import type { CadenceDeps } from '../deps.ts';

export const RETRO_TIMERS = { prompt: 'retro.prompt', summary: 'retro.summary' } as const;
/** How long role holders have to answer the retrospective before its summary is posted. */
export const RETRO_CUTOFF_MS = 2 * 86_400_000;
export const RETRO_FIELDS = ['well', 'badly', 'lessons', 'debt'] as const;
export type RetroField = (typeof RETRO_FIELDS)[number];
/** Where an answer to another module's retrospective item is kept among a person's answers. */
export const retroItemField = (key: string) => `item:${key}`;

/**
 * Called inside the status change's transaction when a release is marked done or rolled back: the prompt becomes a
 * durable timer due at once, so it is posted even if the bot stops right after.
 */
export async function scheduleRetrospective(deps: CadenceDeps, release: Release, now: Date): Promise<void> {
  await deps.store.timers.schedule({
    kind: RETRO_TIMERS.prompt,
    key: `${RETRO_TIMERS.prompt}:${release.id}`,
    releaseId: release.id,
    dueAt: now,
    payload: { releaseId: release.id },
  });
}

async function releaseOf(deps: CadenceDeps, timer: Timer): Promise<Release | undefined> {
  const id = (timer.payload as { releaseId?: number } | null)?.releaseId;
  return id === undefined ? undefined : await deps.store.releases.findById(id);
}

/** What other modules add to this release's retrospective ("why was the gate bypassed"); a failing source is skipped. */
export async function retroItemsOf(deps: CadenceDeps, release: Release): Promise<RetroItem[]> {
  const items: RetroItem[] = [];
  for (const source of deps.contributions.retroItems) {
    try {
      items.push(...(await source(release)));
    } catch (error) {
      deps.logger.warn('a retrospective item source failed; the retrospective shows the rest', error);
    }
  }
  return items;
}

async function holders(deps: CadenceDeps, release: Release): Promise<string[]> {
  return [...new Set((await deps.store.releases.assignments(release.id)).map((a) => a.userId))];
}

/** The lifecycle step that opens the retrospective: a release that ended (done or rolled back) gets one. */
export async function scheduleRetrospectiveWhenEnded(deps: CadenceDeps, release: Release, now: Date): Promise<void> {
  if (release.status === 'done' || release.status === 'rolled_back') await scheduleRetrospective(deps, release, now);
}

export async function retroPromptTimer(deps: CadenceDeps, timer: Timer, now: Date): Promise<void> {
  const release = await releaseOf(deps, timer);
  if (!release) return;
  const retro = await deps.store.transaction(async () => {
    const opened = await deps.store.retros.open({
      releaseId: release.id,
      channelId: release.channelId,
      promptedAt: now,
      closesAt: new Date(now.getTime() + RETRO_CUTOFF_MS),
    });
    await deps.store.timers.schedule({
      kind: RETRO_TIMERS.summary,
      key: `${RETRO_TIMERS.summary}:${release.id}`,
      releaseId: release.id,
      dueAt: opened.closesAt,
      payload: { releaseId: release.id },
    });
    return opened;
  });
  if (retro.messageTs) return;
  const { ts } = await deps.retroMessenger.postPrompt({
    release,
    holders: await holders(deps, release),
    closesAt: retro.closesAt,
    items: await retroItemsOf(deps, release),
  });
  await deps.store.retros.setMessage(release.id, ts);
}

/** A retrospective item as one person's form asks it: required when the person holds a role it names. */
export type RetroFormItem = RetroItem & { required: boolean };
export type RetroForm = {
  release: Release;
  askDebt: boolean;
  existing: Record<string, string>;
  items: RetroFormItem[];
};

export async function getRetroForm(
  deps: CadenceDeps,
  releaseId: number,
  userId: string,
): Promise<{ ok: true; form: RetroForm } | Failure> {
  const release = await deps.store.releases.findById(releaseId);
  const retro = release && (await deps.store.retros.find(releaseId));
  if (!release || !retro) return fail('That retrospective no longer exists.');
  if (retro.summaryTs) return fail(`The retrospective of ${releaseLabel(release)} is closed; its summary is posted.`);
  const roles = rolesOf(await deps.store.releases.assignments(release.id), userId);
  if (roles.length === 0) return fail(`The retrospective of ${releaseLabel(release)} is for its role holders.`);
  const existing = (await deps.store.retros.answers(release.id)).find((a) => a.userId === userId)?.answers ?? {};
  const items = (await retroItemsOf(deps, release)).map((item) => ({
    ...item,
    required: item.requiredFrom.some((role) => roles.includes(role)),
  }));
  return { ok: true, form: { release, askDebt: roles.includes('tech_lead'), existing, items } };
}

type SaveRetroInput = {
  releaseId: number;
  userId: string;
  raw: Partial<Record<RetroField, string | undefined>>;
  /** Answers to the other modules' items, by item key. */
  items?: Record<string, string | undefined> | undefined;
};
/** `field` is a RetroField, or `item:<key>` for another module's item. */
type SaveRetroResult = { ok: true; release: Release } | (Failure & { field?: string });

export async function saveRetroAnswer(deps: CadenceDeps, input: SaveRetroInput): Promise<SaveRetroResult> {
  // Whether the retrospective is still open and the person holds a role is checked in the transaction that saves.
  return deps.store.transaction(() => saveRetroAnswerNow(deps, input));
}

async function saveRetroAnswerNow(deps: CadenceDeps, input: SaveRetroInput): Promise<SaveRetroResult> {
  const found = await getRetroForm(deps, input.releaseId, input.userId);
  if (!found.ok) return found;
  const answers: Record<string, string> = {};
  for (const field of RETRO_FIELDS) {
    const value = input.raw[field]?.trim();
    if (value) answers[field] = value.slice(0, 2000);
  }
  for (const item of found.form.items) {
    const value = input.items?.[item.key]?.trim();
    if (value) answers[retroItemField(item.key)] = value.slice(0, 2000);
    else if (item.required) {
      return { ...fail(`${item.question} This item is required of you.`), field: retroItemField(item.key) };
    }
  }
  if (!answers.well && !answers.badly && !answers.lessons)
    return { ...fail('Answer at least one of: what went well, what did not, lessons learned.'), field: 'well' };
  if (found.form.askDebt && !answers.debt)
    return { ...fail('As Tech Lead, please note the technical debt (or "none").'), field: 'debt' };
  await deps.store.retros.saveAnswer(input.releaseId, { userId: input.userId, answers, at: deps.clock.now() });
  return { ok: true, release: found.form.release };
}

export async function publishRetroAnswer(deps: CadenceDeps, releaseId: number, userId: string): Promise<void> {
  const release = await deps.store.releases.findById(releaseId);
  const retro = await deps.store.retros.find(releaseId);
  const answer = (await deps.store.retros.answers(releaseId)).find((a) => a.userId === userId);
  if (!release || !retro || !answer) return;
  const { ts } = await deps.retroMessenger.postAnswer({
    release,
    retro,
    userId,
    answers: answer.answers,
    ts: answer.replyTs,
    items: await retroItemsOf(deps, release),
  });
  if (!answer.replyTs) await deps.store.retros.setAnswerReply(releaseId, userId, ts);
}

export async function retroSummaryTimer(deps: CadenceDeps, timer: Timer): Promise<void> {
  const release = await releaseOf(deps, timer);
  const retro = release && (await deps.store.retros.find(release.id));
  if (!release || !retro || retro.summaryTs) return;
  const answers = await deps.store.retros.answers(release.id);
  const missing = (await holders(deps, release)).filter((id) => !answers.some((a) => a.userId === id));
  const items = await retroItemsOf(deps, release);
  const { ts } = await deps.retroMessenger.postSummary({ release, retro, answers, missing, items });
  await deps.store.retros.setSummary(release.id, ts);
}
