import type { ActionsBlock } from '@slack/types';
import { actorMention } from '../../../core/domain/actors.ts';
import { slackLink } from '../../../core/domain/links.ts';
import { escapeMrkdwn, releaseLabel } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import { ACTION_IDS } from '../../../core/ids.ts';
import { buildShipAnnouncement, describeGateReason } from '../../../gate/index.ts';
import { formatInstant } from '../../../platform/slack/views/format.ts';
import { context, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { truncate } from '../../../platform/slack/views/mrkdwn.ts';
import { type Deployment, latestPerEnvironment } from '../../domain/deployments.ts';
import type { PipelineNotice } from '../../ports.ts';

/** "v2.4.0 to production", escaped: a version is typed text. */
function what(d: Deployment): string {
  const version = d.version ? `${escapeMrkdwn(truncate(d.version, 100))} ` : '';
  return `${version}to *${escapeMrkdwn(d.environment)}*`;
}

function link(d: Deployment, label = 'details'): string {
  return d.url ? ` · ${slackLink(d.url, label)}` : '';
}

/** The one button on a failed production deployment. */
export function rollbackActions(releaseId: number): ActionsBlock {
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: ACTION_IDS.pipelineOpenRollback,
        text: { type: 'plain_text', text: 'Open the rollback poll' },
        style: 'danger',
        value: String(releaseId),
      },
    ],
  };
}

/** What the channel reads when a pipeline reports something that matters. Typed text is escaped. */
export function buildPipelineNotice(notice: PipelineNotice): SlackMessage {
  const { release } = notice;
  switch (notice.kind) {
    case 'check_failed': {
      const summary = notice.summary ? `: “${escapeMrkdwn(truncate(notice.summary, 300))}”` : '';
      const stale = notice.goStale ? ' The Go now needs the Release Manager’s re-confirmation.' : '';
      const text =
        `:x: ${actorMention(notice.actorId)} reported *${escapeMrkdwn(notice.item.label)}* failed on ` +
        `${releaseLabel(release)}${summary} · ${slackLink(notice.url, 'the run')}. The item is unticked.${stale}`;
      return { text, blocks: [section(text)] };
    }
    case 'deployment_started': {
      const d = notice.deployment;
      const text =
        `:arrow_forward: ${actorMention(d.reportedBy)} started deploying ${releaseLabel(release)} ${what(d)} ` +
        `through the open deployment gate${link(d)}.`;
      return { text, blocks: [section(text)] };
    }
    case 'deployment_blocked': {
      const d = notice.deployment;
      const reasons = notice.gate.reasons.map((r) => `• ${describeGateReason(r)}`).join('\n');
      const text =
        `:no_entry: *Blocked:* ${actorMention(d.reportedBy)} tried to deploy ${releaseLabel(release)} ${what(d)}, ` +
        `but the deployment gate is *${notice.gate.gate}*${link(d)}.`;
      return {
        text: `Blocked: a deployment of ${escapeMrkdwn(release.name)} was refused by the deployment gate`,
        blocks: [
          section(truncate(`${text}\n${reasons}`, 3000)),
          context('The attempt is recorded (`/release status`, the exported record). The pipeline was answered 409.'),
        ],
      };
    }
    case 'deployment_failed': {
      const d = notice.deployment;
      const text =
        `:x: *Deployment failed:* ${releaseLabel(release)} ${what(d)}, reported by ${actorMention(d.reportedBy)} ` +
        `${formatInstant(d.at)}${link(d)}.`;
      return {
        text: `Deployment of ${escapeMrkdwn(release.name)} failed`,
        blocks: [
          section(text),
          context('The Release Manager, Tech Lead or DevOps may open the rollback decision.'),
          rollbackActions(release.id),
        ],
      };
    }
    case 'shipped': {
      const shipped = buildShipAnnouncement({
        release,
        actorId: notice.deployment.reportedBy,
        actorRole: undefined,
        gate: notice.gate,
      });
      const text = `${shipped.text} (${what(notice.deployment)}${link(notice.deployment)})`;
      return { text, blocks: [section(text)] };
    }
    case 'rolled_back': {
      const d = notice.deployment;
      const text =
        `:leftwards_arrow_with_hook: ${releaseLabel(release)} was rolled back by ${actorMention(d.reportedBy)} ` +
        `${formatInstant(d.at)} (${what(d)}${link(d)}).`;
      return { text, blocks: [section(text)] };
    }
  }
}

/** `/release status`: the latest reported deployment per environment. */
export function buildDeploymentStatusLines(release: Release, deployments: readonly Deployment[]): string | undefined {
  if (deployments.length === 0) return undefined;
  const blocked = deployments.filter((d) => d.outcome === 'blocked').length;
  const lines = latestPerEnvironment(deployments)
    .slice(0, 8)
    .map(
      (d) =>
        `• *${escapeMrkdwn(d.environment)}*: ${d.version ? `${escapeMrkdwn(truncate(d.version, 100))} ` : ''}` +
        `${d.outcome === 'blocked' ? 'blocked by the gate' : d.status.replace('_', ' ')} ${formatInstant(d.at)} · ` +
        `${actorMention(d.reportedBy)}${link(d)}`,
    );
  const attempts = blocked > 0 ? `\n_${blocked} attempt${blocked === 1 ? '' : 's'} blocked by the gate._` : '';
  return `*Deployments* of ${releaseLabel(release)}\n${lines.join('\n')}${attempts}`;
}
