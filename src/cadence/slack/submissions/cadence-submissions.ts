import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { ROLES, type Role } from '../../../core/domain/roles.ts';
import { BLOCK_IDS, retroItemBlockId, standupBlockId } from '../../../core/ids.ts';
import { inputValue, parseMetadata, ViewStateValues } from '../../../platform/slack/payloads.ts';
import { publishHome } from '../../../releases/index.ts';
import type { CadenceDeps } from '../../deps.ts';
import { STANDUP_QUESTIONS } from '../../domain/standup.ts';
import { configureStandup } from '../../usecases/cadence-config.ts';
import { publishRetroAnswer, type RetroField, saveRetroAnswer } from '../../usecases/retrospective.ts';
import { saveWeeklyNote } from '../../usecases/risk-report.ts';
import { addRisk, type RiskField, updateRisk } from '../../usecases/risks.ts';
import { publishStandupAnswer, saveStandupAnswer } from '../../usecases/standups.ts';
import { describeCadence } from '../views/schedule.ts';
import { STANDUP_CONFIG_BLOCKS } from '../views/standup-config.ts';

type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;

const plain = (text: string) => text.replaceAll('*', '').replaceAll('`', '');

async function expired(ack: ViewArgs['ack'], blockId: string) {
  await ack({ response_action: 'errors', errors: { [blockId]: 'This form has expired; open it again.' } });
}

export function createStandupAnswerSubmission(deps: CadenceDeps) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const meta = parseMetadata(z.object({ standupId: z.number() }), view.private_metadata);
    const values = ViewStateValues.parse(view.state.values);
    const raw: Partial<Record<Role, Record<string, string | undefined>>> = {};
    for (const role of ROLES) {
      if (!STANDUP_QUESTIONS[role].some((q) => values[standupBlockId(role, q.key)])) continue;
      raw[role] = Object.fromEntries(
        STANDUP_QUESTIONS[role].map((q) => [q.key, inputValue(values, standupBlockId(role, q.key))]),
      );
    }
    const firstBlock = Object.keys(values)[0] ?? 'standup';
    if (!meta) return expired(ack, firstBlock);
    const result = await saveStandupAnswer(deps, { standupId: meta.standupId, userId: body.user.id, raw });
    if (!result.ok) {
      const errors: Record<string, string> = {};
      for (const p of result.problems) errors[standupBlockId(p.role, p.key)] = p.message;
      if (result.problems.length === 0) errors[firstBlock] = plain(result.message);
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    for (const answer of result.answers) await publishStandupAnswer(deps, answer.id);
    // The answerer's App Home no longer offers "Answer standup".
    const release = await deps.store.releases.findById(
      (await deps.store.standups.findById(meta.standupId))?.releaseId ?? -1,
    );
    if (release) {
      await publishHome(deps, client, release.teamId, body.user.id).catch((error: unknown) =>
        deps.logger.warn('could not refresh the App Home', error),
      );
    }
  };
}

const RISK_BLOCKS: Record<RiskField, string> = {
  title: BLOCK_IDS.riskTitle,
  severity: BLOCK_IDS.riskSeverity,
  likelihood: BLOCK_IDS.riskLikelihood,
  owner: BLOCK_IDS.riskOwner,
  mitigation: BLOCK_IDS.riskMitigation,
  due: BLOCK_IDS.riskDue,
};

export function createRiskSubmission(deps: CadenceDeps) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const meta = parseMetadata(
      z.object({ releaseId: z.number(), riskId: z.number().optional() }),
      view.private_metadata,
    );
    const release = meta && (await deps.store.releases.findById(meta.releaseId));
    if (!meta || !release) return expired(ack, BLOCK_IDS.riskTitle);
    const values = ViewStateValues.parse(view.state.values);
    const draft = {
      title: inputValue(values, BLOCK_IDS.riskTitle) ?? '',
      severity: inputValue(values, BLOCK_IDS.riskSeverity) ?? '',
      likelihood: inputValue(values, BLOCK_IDS.riskLikelihood) ?? '',
      ownerId: inputValue(values, BLOCK_IDS.riskOwner) ?? null,
      mitigation: inputValue(values, BLOCK_IDS.riskMitigation) ?? null,
      due: inputValue(values, BLOCK_IDS.riskDue) ?? null,
    };
    const result =
      meta.riskId === undefined
        ? await addRisk(deps, { release, actorId: body.user.id, draft })
        : await updateRisk(deps, { release, riskId: meta.riskId, actorId: body.user.id, draft });
    if (!result.ok) {
      const errors: Record<string, string> = {};
      for (const p of result.problems) errors[RISK_BLOCKS[p.field]] = plain(p.message);
      if (result.problems.length === 0) errors[BLOCK_IDS.riskTitle] = plain(result.message);
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await client.chat.postEphemeral({
      channel: release.channelId,
      user: body.user.id,
      text: `Risk #${result.risk.id} ${meta.riskId === undefined ? 'added' : 'updated'}.`,
    });
  };
}

export function createWeeklyNoteSubmission(deps: CadenceDeps) {
  return async ({ ack, body, view }: ViewArgs) => {
    const meta = parseMetadata(
      z.object({ releaseId: z.number(), slot: z.string(), kind: z.enum(['progress', 'features']) }),
      view.private_metadata,
    );
    const release = meta && (await deps.store.releases.findById(meta.releaseId));
    if (!meta || !release) return expired(ack, BLOCK_IDS.weeklyNote);
    const values = ViewStateValues.parse(view.state.values);
    const result = await saveWeeklyNote(deps, {
      release,
      slot: meta.slot,
      userId: body.user.id,
      kind: meta.kind,
      text: inputValue(values, BLOCK_IDS.weeklyNote) ?? '',
    });
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: { [BLOCK_IDS.weeklyNote]: result.message } });
      return;
    }
    await ack();
  };
}

const RETRO_BLOCKS: Record<RetroField, string> = {
  well: BLOCK_IDS.retroWell,
  badly: BLOCK_IDS.retroBadly,
  lessons: BLOCK_IDS.retroLessons,
  debt: BLOCK_IDS.retroDebt,
};

/** The block a refusal belongs under: a fixed field's, or an item's (`item:<key>` → `retro_item:<key>`). */
function retroBlockOf(field: string | undefined): string {
  if (field?.startsWith('item:')) return retroItemBlockId(field.slice('item:'.length));
  return RETRO_BLOCKS[(field as RetroField | undefined) ?? 'well'] ?? BLOCK_IDS.retroWell;
}

/** The answers to the other modules' items, read from the blocks whose id says which item they are. */
function retroItemAnswers(values: ViewStateValues): Record<string, string | undefined> {
  const prefix = retroItemBlockId('');
  return Object.fromEntries(
    Object.keys(values)
      .filter((blockId) => blockId.startsWith(prefix))
      .map((blockId) => [blockId.slice(prefix.length), inputValue(values, blockId)]),
  );
}

export function createRetroSubmission(deps: CadenceDeps) {
  return async ({ ack, body, view }: ViewArgs) => {
    const meta = parseMetadata(z.object({ releaseId: z.number() }), view.private_metadata);
    if (!meta) return expired(ack, BLOCK_IDS.retroWell);
    const values = ViewStateValues.parse(view.state.values);
    const result = await saveRetroAnswer(deps, {
      releaseId: meta.releaseId,
      userId: body.user.id,
      raw: {
        well: inputValue(values, BLOCK_IDS.retroWell),
        badly: inputValue(values, BLOCK_IDS.retroBadly),
        lessons: inputValue(values, BLOCK_IDS.retroLessons),
        debt: inputValue(values, BLOCK_IDS.retroDebt),
      },
      items: retroItemAnswers(values),
    });
    if (!result.ok) {
      await ack({
        response_action: 'errors',
        errors: { [retroBlockOf('field' in result ? result.field : undefined)]: plain(result.message) },
      });
      return;
    }
    await ack();
    await publishRetroAnswer(deps, meta.releaseId, body.user.id);
  };
}

const CONFIG_FIELDS = ['time', 'days', 'delivery', 'reminder', 'cutoff', 'holidays'] as const;

/** The standup schedule form: the same use case as `/release standup config`, the refusal under the form. */
export function createStandupConfigSubmission(deps: CadenceDeps) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const meta = parseMetadata(z.object({ releaseId: z.number() }), view.private_metadata);
    const release = meta && (await deps.store.releases.findById(meta.releaseId));
    if (!meta || !release) return expired(ack, STANDUP_CONFIG_BLOCKS.time);
    const values = ViewStateValues.parse(view.state.values);
    const options = Object.fromEntries(
      CONFIG_FIELDS.map((field) => [field, inputValue(values, STANDUP_CONFIG_BLOCKS[field])]),
    ) as Record<(typeof CONFIG_FIELDS)[number], string | undefined>;
    const result = await configureStandup(deps, {
      release,
      actorId: body.user.id,
      options: { ...options, holidays: options.holidays ?? 'none' },
    });
    if (!result.ok) {
      const field = CONFIG_FIELDS.find(
        (f) => options[f] !== undefined && result.message.includes(options[f] ?? '\u0000'),
      );
      await ack({
        response_action: 'errors',
        errors: { [STANDUP_CONFIG_BLOCKS[field ?? 'time']]: plain(result.message).slice(0, 300) },
      });
      return;
    }
    await ack();
    await client.chat.postEphemeral({
      channel: release.channelId,
      user: body.user.id,
      text: `Standup schedule of ${release.name} saved:\n${describeCadence(result.config)}`,
    });
  };
}
