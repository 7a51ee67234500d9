import { escapeMrkdwn, releaseLabel } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import { context, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { describeChecks, type GithubLink } from '../../domain/links.ts';

function linkLine(link: GithubLink): string {
  const branch = link.branch ? `branch \`${escapeMrkdwn(link.branch)}\`` : 'the default branch';
  const milestone = link.milestone ? ` · milestone “${escapeMrkdwn(link.milestone)}” → prs_merged` : '';
  return (
    `• \`${escapeMrkdwn(link.repo)}\`: environment \`${escapeMrkdwn(link.environment)}\` ships the release · ` +
    `runs on ${branch} or a version tag · checks ${escapeMrkdwn(describeChecks(link.checks))}${milestone} · linked by <@${link.createdBy}>`
  );
}

export function buildLinkedMessage(link: GithubLink, release: Release, replaced: boolean): SlackMessage {
  const text =
    `:link: ${replaced ? 'Updated the link of' : 'Linked'} \`${escapeMrkdwn(link.repo)}\` to this channel’s releases ` +
    `(now ${releaseLabel(release)}).\n${linkLine(link)}`;
  return {
    text: `${replaced ? 'Updated' : 'Linked'} ${link.repo}`,
    blocks: [
      section(text),
      context(
        'In the repository: Settings → Webhooks → Add webhook, Payload URL `https://&lt;your bot&gt;/github/webhook`, ' +
          'content type `application/json`, the secret in `GITHUB_WEBHOOK_SECRET`, events: Deployment statuses, ' +
          'Workflow runs, Milestones, Releases.',
      ),
    ],
  };
}

export function buildUnlinkedMessage(link: GithubLink): SlackMessage {
  const text = `:link: Unlinked \`${escapeMrkdwn(link.repo)}\`: its events are ignored from now on.`;
  return { text, blocks: [section(text)] };
}

export function buildLinkListMessage(links: readonly GithubLink[]): SlackMessage {
  if (links.length === 0) {
    const text =
      'This channel links no GitHub repository. Link one with `/release link github &lt;owner&gt;/&lt;repo&gt;` (the Release ' +
      'Manager or DevOps).';
    return { text, blocks: [section(text)] };
  }
  const text = `*GitHub repositories* linked to this channel’s releases\n${links.map(linkLine).join('\n')}`;
  return { text: `${links.length} linked repositor${links.length === 1 ? 'y' : 'ies'}`, blocks: [section(text)] };
}
