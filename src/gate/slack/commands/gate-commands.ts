import type { Release } from '../../../core/domain/release.ts';
import { rolesOf } from '../../../core/domain/roles.ts';
import { freeText } from '../../../platform/slack/command-text.ts';
import { ephemeral, problem, usageError } from '../../../platform/slack/commands/replies.ts';
import type { CommandContext, CommandReply, Subcommand } from '../../../platform/slack/commands/types.ts';
import { postWithInformed } from '../../../platform/slack/post.ts';
import type { SlackMessage } from '../../../platform/slack/views/message.ts';
import { informedOfLifecycle, releaseFor } from '../../../releases/index.ts';
import type { GateDeps } from '../../deps.ts';
import type { DeploymentGate } from '../../domain/gate.ts';
import { shipPastGate } from '../../usecases/ship-past-gate.ts';
import { shipRelease } from '../../usecases/ship-release.ts';
import { buildEmergencyAnnouncement, buildShipAnnouncement, buildShipRefusal } from '../views/gate.ts';

/** Posts a deployment in the channel, the RACI's Informed roles (Deployment: QA Lead, Product Owner) in its thread. */
export async function announceDeployment(
  ctx: Pick<CommandContext<GateDeps>, 'client' | 'deps'>,
  release: Release,
  message: SlackMessage,
): Promise<CommandReply> {
  const informed = await informedOfLifecycle(ctx.deps, release, 'ship');
  const ts = await postWithInformed(ctx.client, ctx.deps.logger, release.channelId, message, informed);
  return ts ? { none: true } : { inChannel: message };
}

/** The ship announcement, naming the role the shipper acted in (DevOps or Release Manager). */
export async function shipAnnouncement(
  deps: GateDeps,
  release: Release,
  actorId: string,
  gate: DeploymentGate,
): Promise<SlackMessage> {
  const roles = rolesOf(await deps.store.releases.assignments(release.id), actorId);
  const actorRole = roles.find((r) => r === 'devops' || r === 'rm');
  return buildShipAnnouncement({ release, actorId, actorRole, gate });
}

const ship: Subcommand<GateDeps> = {
  name: 'ship',
  topic: 'pipeline',
  gettingStarted: 5,
  usage: '/release ship [emergency reason:"<why>"] [release:<name>]',
  summary:
    'Mark the release shipped, through the deployment gate (a Go in force, the checklist ticked or overridden). RM or DevOps.',
  example: '/release ship',
  details:
    'Refused, with what is missing, while there is no Go, a No-Go or a "roll back" decision is in force, the Go ' +
    'needs re-confirmation (an item unticked, a risk of score 15 or more added, or a level-3 escalation since the ' +
    'Go), or checklist items are open without an override. `/release ship emergency reason:"…"` (the Release ' +
    'Manager only) ships past the gate: announced, logged as an override, raised to level 2, put on the ' +
    'retrospective and counted apart in the metrics.',
  options: ['reason'],
  async run(ctx) {
    const [first, ...rest] = ctx.parsed.words;
    const emergency = first?.toLowerCase() === 'emergency';
    if (first && !emergency) {
      return usageError(this, 'Write `/release ship`, or `/release ship emergency reason:"…"` to ship past the gate.');
    }
    const reason = ctx.parsed.options.get('reason') ?? (rest.length > 0 ? freeText(rest) : undefined);
    if (!emergency && reason !== undefined) {
      return usageError(this, '`reason:` belongs to an emergency ship: `/release ship emergency reason:"…"`.');
    }
    const found = await releaseFor(ctx, { activeOnly: true });
    if ('reply' in found) return found.reply;
    if (emergency) return runEmergency(ctx, found.release, reason ?? '');
    const result = await shipRelease(ctx.deps, { release: found.release, actorId: ctx.userId });
    if (!result.ok) {
      if ('gate' in result) return ephemeral(buildShipRefusal(result));
      return problem(result.message);
    }
    return announceDeployment(
      ctx,
      result.release,
      await shipAnnouncement(ctx.deps, result.release, ctx.userId, result.gate),
    );
  },
};

async function runEmergency(ctx: CommandContext<GateDeps>, release: Release, reason: string): Promise<CommandReply> {
  const result = await shipPastGate(ctx.deps, { release, actorId: ctx.userId, reason });
  if (!result.ok) return problem(result.message);
  const message = buildEmergencyAnnouncement({
    release: result.release,
    actorId: ctx.userId,
    reason: result.decision.rationale ?? reason,
    gate: result.gate,
    escalationId: result.escalation.id,
  });
  const reply = await announceDeployment(ctx, result.release, message);
  if (result.escalation.problem && 'none' in reply) {
    return problem(`Shipped and announced, but the level-2 escalation: ${result.escalation.problem}`);
  }
  return reply;
}

export const GATE_SUBCOMMANDS: Subcommand<GateDeps>[] = [ship];
