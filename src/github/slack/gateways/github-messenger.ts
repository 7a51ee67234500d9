import type { SlackPoster } from '../../../platform/slack/post-once.ts';
import type { GithubMessenger } from '../../ports.ts';
import { buildConnectedMessage, buildGithubNotice, buildGithubThreadParent } from '../views/github.ts';

/**
 * Posts GitHub's events once each (the poster's intents, keyed by the delivery): a line in the release's GitHub
 * thread, whose parent is posted once per release; a failed deployment top-level, with the rollback button.
 */
export function createGithubMessenger(poster: SlackPoster): GithubMessenger {
  return {
    async announce(notice, key) {
      if (notice.kind === 'connected') {
        await poster.post({
          key,
          channel: notice.channelId,
          message: buildConnectedMessage(notice.repo, notice.htmlUrl),
        });
        return;
      }
      const { release } = notice;
      const post = buildGithubNotice(notice);
      if (post.topLevel) {
        await poster.post({ key, channel: release.channelId, message: post.message });
        return;
      }
      const parent = await poster.post({
        key: `github:thread:${release.id}`,
        channel: release.channelId,
        message: buildGithubThreadParent(release),
      });
      await poster.post({ key, channel: release.channelId, threadTs: parent.ts, message: post.message });
      if (post.informed) {
        await poster.post({
          key: `${key}:informed`,
          channel: release.channelId,
          threadTs: parent.ts,
          message: { text: post.informed },
        });
      }
    },
  };
}
