import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { isReleaseManager } from '../../../core/domain/roles.ts';
import { buildRaiseEscalationModal } from '../../../escalation/index.ts';
import { parseMetadata } from '../../../platform/slack/payloads.ts';
import type { CadenceDeps } from '../../deps.ts';
import { CALL_OUT_KINDS } from '../../domain/standup.ts';
import { getRetroForm } from '../../usecases/retrospective.ts';
import { getRisk, reviewRisk } from '../../usecases/risks.ts';
import { draftStandupEscalation } from '../../usecases/standup-escalation.ts';
import { getStandupForm, markAwayToday } from '../../usecases/standups.ts';
import { buildRetroModal } from '../views/retro.ts';
import { buildRiskModal, buildWeeklyNoteModal } from '../views/risk.ts';
import { buildStandupModal } from '../views/standup.ts';
import { buildStandupConfigModal } from '../views/standup-config.ts';

const ButtonClick = z.object({
  user: z.object({ id: z.string() }),
  trigger_id: z.string(),
  channel: z.object({ id: z.string() }).nullish(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().nullish() })).min(1),
});

type ActionArgs = SlackActionMiddlewareArgs & AllMiddlewareArgs;

type Click = { userId: string; triggerId: string; channelId: string | undefined; value: string };

function click(body: unknown): Click | undefined {
  const parsed = ButtonClick.safeParse(body);
  if (!parsed.success) return undefined;
  const action = parsed.data.actions[0];
  return {
    userId: parsed.data.user.id,
    triggerId: parsed.data.trigger_id,
    channelId: parsed.data.channel?.id,
    value: action?.value ?? '',
  };
}

async function tell(client: WebClient, channelId: string | undefined, userId: string, text: string) {
  if (!channelId) return;
  await client.chat.postEphemeral({ channel: channelId, user: userId, text });
}

/** Opens the modal for the clicker, or tells them privately why it did not open (its trigger expired). */
async function openFor(deps: CadenceDeps, client: WebClient, c: Click, view: ModalView) {
  const opened = await deps.modals.open({ triggerId: c.triggerId, userId: c.userId, view });
  if (!opened.ok) await tell(client, c.channelId, c.userId, opened.message);
}

/** "Answer standup": opens the modal with the questions of every role the clicker holds. */
export function createStandupAnswerAction(deps: CadenceDeps) {
  return async ({ ack, body, client }: ActionArgs) => {
    await ack();
    const c = click(body);
    if (!c) return;
    const found = await getStandupForm(deps, Number(c.value), c.userId);
    if (!found.ok) return tell(client, c.channelId, c.userId, found.message);
    await openFor(deps, client, c, buildStandupModal(found.form));
  };
}

/** "Away today" on a standup prompt: the clicker is away for the day; told privately. */
export function createStandupAwayAction(deps: CadenceDeps) {
  return async ({ ack, body, client }: ActionArgs) => {
    await ack();
    const c = click(body);
    if (!c) return;
    const result = await markAwayToday(deps, Number(c.value), c.userId);
    await tell(client, c.channelId, c.userId, result.message);
  };
}

/**
 * The summary's Escalate button (value `<answerId>:<kind>`, or a bare answer id on older summaries): opens the
 * escalation form prefilled with the called-out blocker and its default category; submitting it raises the
 * escalation like `/release escalate` does.
 */
export function createStandupEscalateAction(deps: CadenceDeps) {
  return async ({ ack, body, client }: ActionArgs) => {
    await ack();
    const c = click(body);
    if (!c) return;
    const [rawId, rawKind] = c.value.split(':');
    const kind = CALL_OUT_KINDS.find((k) => k === rawKind);
    const found = await draftStandupEscalation(deps, { answerId: Number(rawId), kind });
    if (!found.ok) return tell(client, c.channelId, c.userId, found.message);
    const { draft } = found;
    await openFor(
      deps,
      client,
      c,
      buildRaiseEscalationModal(
        { releaseId: draft.release.id, channelId: c.channelId ?? draft.release.channelId },
        { category: draft.category, summary: draft.summary },
      ),
    );
  };
}

export function createRiskUpdateAction(deps: CadenceDeps) {
  return async ({ ack, body, client }: ActionArgs) => {
    await ack();
    const c = click(body);
    if (!c) return;
    const found = await getRisk(deps, Number(c.value));
    if (!found) return tell(client, c.channelId, c.userId, 'That risk no longer exists.');
    if (found.risk.status === 'closed') return tell(client, c.channelId, c.userId, `Risk #${found.risk.id} is closed.`);
    await openFor(deps, client, c, buildRiskModal(found));
  };
}

export function createRiskReviewAction(deps: CadenceDeps, verdict: 'valid' | 'mitigated') {
  return async ({ ack, body, client }: ActionArgs) => {
    await ack();
    const c = click(body);
    if (!c) return;
    const found = await getRisk(deps, Number(c.value));
    if (!found) return tell(client, c.channelId, c.userId, 'That risk no longer exists.');
    const result = await reviewRisk(deps, {
      release: found.release,
      riskId: found.risk.id,
      actorId: c.userId,
      verdict,
    });
    if (!result.ok) return tell(client, c.channelId, c.userId, result.message);
    await tell(
      client,
      c.channelId,
      c.userId,
      verdict === 'valid'
        ? `Thanks: risk #${result.risk.id} is reviewed and still valid.`
        : `Thanks: risk #${result.risk.id} is marked mitigated. Close it with \`/release risk close ${result.risk.id}\` once it is gone.`,
    );
  };
}

const NoteTarget = z.object({ releaseId: z.number(), slot: z.string(), kind: z.enum(['progress', 'features']) });

export function createWeeklyNoteAction(deps: CadenceDeps) {
  return async ({ ack, body, client }: ActionArgs) => {
    await ack();
    const c = click(body);
    const target = c && parseMetadata(NoteTarget, c.value);
    if (!c || !target) return;
    const release = await deps.store.releases.findById(target.releaseId);
    if (!release || !(await deps.store.releases.assignments(release.id)).some((a) => a.userId === c.userId))
      return tell(client, c.channelId, c.userId, 'Only the release’s role holders add weekly notes.');
    await openFor(deps, client, c, buildWeeklyNoteModal(target));
  };
}

export function createRetroAnswerAction(deps: CadenceDeps) {
  return async ({ ack, body, client }: ActionArgs) => {
    await ack();
    const c = click(body);
    if (!c) return;
    const found = await getRetroForm(deps, Number(c.value), c.userId);
    if (!found.ok) return tell(client, c.channelId, c.userId, found.message);
    await openFor(deps, client, c, buildRetroModal(found.form));
  };
}

/** App Home "Configure" (the RM): opens the standup schedule form; anyone else is told who may. */
export function createStandupConfigureAction(deps: CadenceDeps) {
  return async ({ ack, body, client }: ActionArgs) => {
    await ack();
    const c = click(body);
    if (!c) return;
    const release = await deps.store.releases.findById(Number(c.value));
    if (!release) return;
    if (!isReleaseManager(await deps.store.releases.assignments(release.id), c.userId)) {
      return tell(
        client,
        c.channelId ?? release.channelId,
        c.userId,
        'Only the Release Manager changes the standup schedule.',
      );
    }
    const config = await deps.store.cadence.config(release.id);
    await openFor(
      deps,
      client,
      { ...c, channelId: c.channelId ?? release.channelId },
      buildStandupConfigModal({ release, config }),
    );
  };
}
