import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../../core/ports.ts';
import { postWithInformed } from '../../../platform/slack/post.ts';
import type { PipelineMessenger } from '../../ports.ts';
import { buildPipelineNotice } from '../views/pipeline.ts';

/** Posts a pipeline's notices in the release channel; a ship or rollback tells the Informed roles in its thread. */
export function createPipelineMessenger(client: WebClient, logger: Logger): PipelineMessenger {
  return {
    async announce(notice) {
      const message = buildPipelineNotice(notice);
      const informed = notice.kind === 'shipped' || notice.kind === 'rolled_back' ? notice.informed : undefined;
      const ts = await postWithInformed(client, logger, notice.release.channelId, message, informed);
      if (!ts) throw new Error(`could not post in ${notice.release.channelId}`);
    },
  };
}
