import type { WebClient } from '@slack/web-api';
import { escapeMrkdwn } from '../../core/domain/markup.ts';
import type { Release } from '../../core/domain/release.ts';
import type { ReportingDeps } from '../deps.ts';
import { buildReleaseRecordMarkdown } from '../domain/release-record.ts';
import { getReleaseRecord } from '../usecases/get-release-record.ts';

/** A file name from the release name: letters, digits, dots and dashes only. */
export function exportFilename(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'release';
  return `release-${safe}-record.md`;
}

/**
 * Builds the release's record and uploads it as a Markdown file: to the release's channel (`to: 'channel'`), or to
 * the requester alone by direct message (`to: 'dm'`). Throws when Slack refuses; the caller words the failure.
 */
export async function uploadReleaseRecord(
  deps: ReportingDeps,
  client: WebClient,
  input: { release: Release; userId: string; to: 'channel' | 'dm' },
): Promise<void> {
  const { release, userId } = input;
  const markdown = buildReleaseRecordMarkdown(await getReleaseRecord(deps, { release, actorId: userId }));
  let destination = release.channelId;
  if (input.to === 'dm') {
    const dm = await client.conversations.open({ users: userId });
    destination = dm.channel?.id ?? '';
    if (!destination) throw new Error('conversations.open answered without a channel');
  }
  await client.files.uploadV2({
    channel_id: destination,
    content: markdown,
    filename: exportFilename(release.name),
    title: `Release ${release.name}: record`,
    initial_comment: `Record of release ${escapeMrkdwn(release.name)}, exported by <@${userId}>.`,
  });
}
