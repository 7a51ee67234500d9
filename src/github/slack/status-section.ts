import type { KnownBlock } from '@slack/types';
import { slackLink, whyNotWebLink } from '../../core/domain/links.ts';
import { escapeMrkdwn } from '../../core/domain/markup.ts';
import type { Release } from '../../core/domain/release.ts';
import { section } from '../../platform/slack/views/message.ts';
import type { GithubDeps } from '../deps.ts';
import { releaseVersions } from '../usecases/receive-event.ts';

/** `/release status`: the version GitHub published last per repository (nothing when there is none). */
export async function versionsStatusSection(deps: GithubDeps, release: Release): Promise<KnownBlock[]> {
  const versions = await releaseVersions(deps, release);
  if (versions.length === 0) return [];
  const latest = new Map(versions.map((v) => [v.repo, v]));
  const lines = [...latest.values()].map((v) => {
    const tag = v.url && !whyNotWebLink(v.url) ? slackLink(v.url, escapeMrkdwn(v.tag)) : escapeMrkdwn(v.tag);
    return `• \`${escapeMrkdwn(v.repo)}\`: *${tag}*`;
  });
  return [section(`*Version* (GitHub releases)\n${lines.join('\n')}`)];
}
