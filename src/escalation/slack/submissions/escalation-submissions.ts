import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { parseDuration } from '../../../core/domain/duration.ts';
import { BLOCK_IDS } from '../../../core/ids.ts';
import { inputValue, inputValues, parseMetadata, ViewStateValues } from '../../../platform/slack/payloads.ts';
import { buildNoticeMessage } from '../../../platform/slack/views/message.ts';
import { joinReleaseChannel } from '../../../releases/index.ts';
import type { EscalationDeps } from '../../deps.ts';
import { levelLabel, parseCategory, parseLevel } from '../../domain/levels.ts';
import { configureEscalationLevel } from '../../usecases/configure-escalation-level.ts';
import { raiseEscalation } from '../../usecases/raise-escalation.ts';
import { resolveEscalation } from '../../usecases/resolve-escalation.ts';
import { formatLevelSaved } from '../views/escalation.ts';

type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;

/** Slack shows plain text under inputs; drop the mrkdwn emphasis. */
const plain = (text: string) => text.replaceAll('*', '').replaceAll('`', '');

const RaiseMetadata = z.object({ releaseId: z.number(), channelId: z.string() });

/** The "Escalate" modal: raises the escalation; the person gets an ephemeral confirmation in the release channel. */
export function createRaiseEscalationSubmissionHandler(deps: EscalationDeps) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const metadata = parseMetadata(RaiseMetadata, view.private_metadata);
    const values = ViewStateValues.parse(view.state.values);
    const release = metadata ? await deps.store.releases.findById(metadata.releaseId) : undefined;
    if (!metadata || !release) {
      await ack({ response_action: 'errors', errors: { [BLOCK_IDS.escalationSummary]: 'This form has expired.' } });
      return;
    }
    const rawLevel = inputValue(values, BLOCK_IDS.escalationLevel);
    const result = await raiseEscalation(deps, {
      release,
      raisedBy: body.user.id,
      summary: inputValue(values, BLOCK_IDS.escalationSummary) ?? '',
      category: parseCategory(inputValue(values, BLOCK_IDS.escalationCategory) ?? ''),
      level: rawLevel ? parseLevel(rawLevel) : undefined,
    });
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: { [BLOCK_IDS.escalationSummary]: plain(result.message) } });
      return;
    }
    await ack();
    const e = result.escalation;
    const lines = [`Escalation *#${e.id}* is raised at *${levelLabel(e.level)}*.`];
    if (result.missingLevel) {
      lines.push(
        `:warning: ${levelLabel(result.missingLevel)} is not set up, so I posted it at the highest level that is and ` +
          `told the Release Manager. Set it up with \`/release escalation level:${result.missingLevel} channel:#… ping:@…\`.`,
      );
    }
    if (result.deliveryProblem) lines.push(`:warning: ${result.deliveryProblem}`);
    await client.chat
      .postEphemeral({ channel: metadata.channelId, user: body.user.id, ...buildNoticeMessage(lines.join('\n')) })
      .catch((error: unknown) => deps.logger.warn('could not confirm the escalation', error));
  };
}

const ResolveMetadata = z.object({ escalationId: z.number() });

/** The "Resolve" modal: a note is required; an escalation resolved meanwhile is reported under the field. */
export function createResolveEscalationSubmissionHandler(deps: EscalationDeps) {
  return async ({ ack, body, view }: ViewArgs) => {
    const metadata = parseMetadata(ResolveMetadata, view.private_metadata);
    const values = ViewStateValues.parse(view.state.values);
    if (!metadata) {
      await ack({ response_action: 'errors', errors: { [BLOCK_IDS.escalationResolution]: 'This form has expired.' } });
      return;
    }
    const result = await resolveEscalation(deps, {
      escalationId: metadata.escalationId,
      userId: body.user.id,
      note: inputValue(values, BLOCK_IDS.escalationResolution) ?? '',
    });
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: { [BLOCK_IDS.escalationResolution]: plain(result.message) } });
      return;
    }
    await ack();
  };
}

const LevelsMetadata = z.object({ releaseId: z.number(), channelId: z.string() });

/**
 * The levels form (`/release escalation` with no arguments): sets one level for this release (its Release Manager)
 * or, for admins who pick it, for the workspace. Problems are shown under the fields; success is told ephemerally.
 */
export function createConfigureLevelsSubmissionHandler(deps: EscalationDeps) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const metadata = parseMetadata(LevelsMetadata, view.private_metadata);
    const values = ViewStateValues.parse(view.state.values);
    const release = metadata ? await deps.store.releases.findById(metadata.releaseId) : undefined;
    if (!metadata || !release) {
      await ack({ response_action: 'errors', errors: { [BLOCK_IDS.escalationLevel]: 'This form has expired.' } });
      return;
    }
    const level = parseLevel(inputValue(values, BLOCK_IDS.escalationLevel) ?? '');
    const channelId = inputValue(values, BLOCK_IDS.escalationChannel);
    if (!level || !channelId) {
      await ack({ response_action: 'errors', errors: { [BLOCK_IDS.escalationLevel]: 'Pick a level and a channel.' } });
      return;
    }
    const rawAck = inputValue(values, BLOCK_IDS.escalationAck);
    const ackMs = rawAck ? parseDuration(rawAck) : undefined;
    if (rawAck && ackMs === undefined) {
      await ack({
        response_action: 'errors',
        errors: { [BLOCK_IDS.escalationAck]: 'Write a duration like 15m or 1h30m.' },
      });
      return;
    }
    const workspace = inputValue(values, BLOCK_IDS.escalationScope) === 'workspace';
    const result = await configureEscalationLevel(deps, {
      teamId: release.teamId,
      actorId: body.user.id,
      scope: workspace ? { kind: 'workspace' } : { kind: 'release', release },
      level,
      channelId,
      pings: inputValues(values, BLOCK_IDS.escalationPings),
      ackMs,
      hours: inputValue(values, BLOCK_IDS.escalationHours) || undefined,
      days: inputValue(values, BLOCK_IDS.escalationDays) || undefined,
    });
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: { [BLOCK_IDS.escalationLevel]: plain(result.message) } });
      return;
    }
    await ack();
    // As the command does: a level's posts need the bot in its channel, and a public one it can join itself.
    const joined = await joinReleaseChannel({ client, deps }, channelId);
    const where = workspace ? 'for every release (workspace default)' : `for ${release.name}`;
    const lines = formatLevelSaved(level, result.setting, where);
    if (!joined)
      lines.push(`:warning: I could not join <#${channelId}>: invite me there with \`/invite @release-bot\`.`);
    await client.chat
      .postEphemeral({
        channel: metadata.channelId,
        user: body.user.id,
        ...buildNoticeMessage(lines.join('\n')),
      })
      .catch((error: unknown) => deps.logger.warn('could not confirm the escalation level', error));
  };
}
