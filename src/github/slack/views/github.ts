import { rollbackActions } from '../../../api/index.ts';
import { slackLink, whyNotWebLink } from '../../../core/domain/links.ts';
import { escapeMrkdwn, releaseLabel } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import { describeGateReason } from '../../../gate/index.ts';
import { context, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { truncate } from '../../../platform/slack/views/mrkdwn.ts';
import type { GithubNotice } from '../../ports.ts';

/** A link to GitHub when the address is one people can open (payloads are typed text like any other). */
function gh(url: string | null | undefined, label: string): string {
  return url && !whyNotWebLink(url) ? ` · ${slackLink(url, label)}` : '';
}

function repoName(repo: string): string {
  return `\`${escapeMrkdwn(repo)}\``;
}

function typed(text: string, max = 100): string {
  return escapeMrkdwn(truncate(text, max));
}

/** The top-level message whose thread holds the release's GitHub lines, posted once per release. */
export function buildGithubThreadParent(release: Release): SlackMessage {
  const text = `:link: *GitHub* for ${releaseLabel(release)}: each event from the linked repositories is one line in this thread.`;
  return { text: `GitHub for release ${escapeMrkdwn(release.name)}`, blocks: [section(text)] };
}

export function buildConnectedMessage(repo: string, htmlUrl: string): SlackMessage {
  const text =
    `:white_check_mark: GitHub connected for ${repoName(repo)}${gh(htmlUrl, 'repository')}. Its deployments, workflow ` +
    'runs, milestones and releases now reach this channel’s release.';
  return { text: `GitHub connected for ${repo}`, blocks: [section(text)] };
}

export type GithubPost = { message: SlackMessage; topLevel: boolean; informed?: string | undefined };

/** One GitHub event as the channel reads it: a compact thread line, or (a failed deployment) a top-level message. */
export function buildGithubNotice(notice: Exclude<GithubNotice, { kind: 'connected' }>): GithubPost {
  const line = (text: string): GithubPost => ({
    message: { text, blocks: [section(truncate(text, 3000))] },
    topLevel: false,
  });
  const repo = repoName(notice.repo);
  switch (notice.kind) {
    case 'check': {
      const what =
        notice.source === 'milestone'
          ? `milestone *${typed(notice.name)}* ${notice.status === 'passed' ? 'closed with nothing open' : 'reopened'}`
          : `*${typed(notice.name)}* ${notice.status}${notice.branch ? ` on \`${typed(notice.branch)}\`` : ''}`;
      const stale = notice.goStale ? ' The Go now needs the Release Manager’s re-confirmation.' : '';
      const icon = notice.status === 'passed' ? ':white_check_mark:' : ':x:';
      const done = notice.status === 'passed' ? 'ticked' : 'unticked';
      const label = notice.source === 'milestone' ? 'milestone' : 'run';
      return line(
        `${icon} ${repo} ${what} → *${escapeMrkdwn(notice.item.label)}* ${done}${gh(notice.url, label)}.${stale}`,
      );
    }
    case 'version':
      return line(
        `:label: ${repo} published *${typed(notice.tag)}*${notice.prerelease ? ' (pre-release)' : ''}: recorded as ` +
          `the version of ${releaseLabel(notice.release)}${gh(notice.url, 'release')}.`,
      );
    case 'deployment': {
      const n = notice.notice;
      if (n.kind === 'check_failed') return line(`:x: ${repo} reported ${escapeMrkdwn(n.item.label)} failed.`);
      const d = n.deployment;
      const version = d.version ? ` of \`${typed(d.version)}\`` : '';
      const link = gh(d.url, 'GitHub');
      switch (n.kind) {
        case 'deployment_started':
          return line(
            `:arrow_forward: ${repo} deployment${version} to *production* ${notice.state.replace('_', ' ')}, through the open gate${link}.`,
          );
        case 'deployment_blocked': {
          const reasons = n.gate.reasons.map((r) => describeGateReason(r)).join(' ');
          return line(
            `:no_entry: *Blocked:* ${repo} deployment${version} to *production* (${notice.state.replace('_', ' ')}) while ` +
              `the deployment gate is *${n.gate.gate}*: ${reasons} Recorded as a blocked attempt${link}.`,
          );
        }
        case 'shipped':
          return {
            ...line(
              `:rocket: ${repo} deployment${version} to *production* succeeded: ${releaseLabel(notice.release)} is *shipped*${link}.`,
            ),
            informed: n.informed,
          };
        case 'rolled_back':
          return line(
            `:leftwards_arrow_with_hook: ${repo} deployment${version}: ${releaseLabel(notice.release)} rolled back${link}.`,
          );
        case 'deployment_failed': {
          const text = `:x: *Deployment failed:* ${repo} deployment${version} of ${releaseLabel(notice.release)} to *production* (GitHub: ${escapeMrkdwn(notice.state)})${link}.`;
          return {
            topLevel: true,
            message: {
              text: `Deployment of ${escapeMrkdwn(notice.release.name)} failed (GitHub)`,
              blocks: [
                section(text),
                context('The Release Manager, Tech Lead or DevOps may open the rollback decision.'),
                rollbackActions(notice.release.id),
              ],
            },
          };
        }
      }
    }
  }
}
