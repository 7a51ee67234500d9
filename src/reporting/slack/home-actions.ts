import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { HOME_URGENCY, type HomeActionProvider } from '../../core/contributions.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { ACTION_IDS } from '../../core/ids.ts';
import { publishHome } from '../../releases/index.ts';
import type { ReportingDeps } from '../deps.ts';
import { uploadReleaseRecord } from './export-record.ts';

/** The App Home's reporting item: *Export* (the release's record, by direct message) on the Release Manager's card. */
export function reportingHomeActions(): HomeActionProvider {
  return async ({ releases }) =>
    releases
      .filter((item) => item.roles.includes('rm'))
      .map((item) => ({
        releaseId: item.release.id,
        text: 'The release’s record for audits and the retrospective (a Markdown file, by direct message)',
        button: { label: 'Export', actionId: ACTION_IDS.recordExport, value: String(item.release.id) },
        urgency: HOME_URGENCY.manage,
      }));
}

const ReleaseId = z.coerce.number().int().positive();

/**
 * App Home *Export*: what `/release export` does from outside the release's channel. The Home has no channel to
 * answer in, and a file the whole channel did not ask for would be noise there, so the record comes to the clicker
 * by direct message, with the same check as the command: only a member of the release's channel gets it. The outcome
 * is the notice on top of the Home, published again.
 */
export function createExportRecordAction(deps: ReportingDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const userId = body.user.id;
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const id = ReleaseId.safeParse(action.value);
    const release = id.success ? await deps.store.releases.findById(id.data) : undefined;
    let notice: string;
    if (!release || release.teamId !== teamId) {
      notice = ':warning: This button does not name a release I know.';
    } else if (!(await deps.channels.isMember(release.channelId, userId))) {
      notice =
        `:warning: ${releaseLabel(release)} belongs to a channel you are not in; only its members can export it. ` +
        'Ask to be added to that channel.';
    } else {
      try {
        await uploadReleaseRecord(deps, client, { release, userId, to: 'dm' });
        notice = `:white_check_mark: Sent you the record of ${releaseLabel(release)} by direct message.`;
      } catch (error) {
        deps.logger.warn('export from the App Home failed', error);
        notice = `:warning: I could not send you the record by direct message. Run \`/release export\` in <#${release.channelId}> instead.`;
      }
    }
    await publishHome(deps, client, teamId, userId, notice).catch((error: unknown) =>
      deps.logger.warn('could not refresh the App Home', error),
    );
  };
}
