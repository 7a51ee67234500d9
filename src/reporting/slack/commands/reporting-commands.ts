import { code, releaseLabel } from '../../../core/domain/markup.ts';
import { ephemeral, notice, usageError } from '../../../platform/slack/commands/replies.ts';
import type { Subcommand } from '../../../platform/slack/commands/types.ts';
import { buildErrorMessage, context } from '../../../platform/slack/views/message.ts';
import { readingRelease } from '../../../releases/index.ts';
import type { ReportingDeps } from '../../deps.ts';
import { DEFAULT_METRICS_WINDOW, MAX_METRICS_WINDOW } from '../../domain/metrics.ts';
import { getMetrics } from '../../usecases/get-metrics.ts';
import { requestMetricsChart } from '../../usecases/metrics-chart.ts';
import { uploadReleaseRecord } from '../export-record.ts';
import { buildMetricsMessage } from '../views/metrics.ts';

const metrics: Subcommand<ReportingDeps> = {
  name: 'metrics',
  topic: 'reports',
  usage: `/release metrics [last:<1-${MAX_METRICS_WINDOW}>]`,
  summary: `Success metrics over the last finished releases of the workspace (default ${DEFAULT_METRICS_WINDOW}).`,
  example: '/release metrics last:5',
  details:
    'On-time delivery, deployment success, mean time to deploy, checklist overrides, standup response rate, ' +
    'escalations per level and votes that changed. Each figure says how it is computed (deployment figures: from a ' +
    "pipeline's deployment events when there are any, else from the manual lifecycle) and on how many releases.",
  options: ['last'],
  async run(ctx) {
    if (ctx.parsed.words.length > 0)
      return usageError(this, `${code(ctx.parsed.words.join(' '))} is not understood here.`);
    const raw = ctx.parsed.options.get('last');
    const last = raw === undefined ? DEFAULT_METRICS_WINDOW : Number(raw);
    if (!Number.isInteger(last) || last < 1 || last > MAX_METRICS_WINDOW)
      return usageError(this, `\`last:\` is a whole number from 1 to ${MAX_METRICS_WINDOW}, not ${code(raw ?? '')}.`);
    const report = await getMetrics(ctx.deps, { teamId: ctx.teamId, last });
    // The trigger id is the command's own: a redelivered command asks for the same chart, not a second one.
    await requestMetricsChart(ctx.deps, { report, userId: ctx.userId, requestId: ctx.triggerId });
    const message = buildMetricsMessage(report);
    if (report.releases.length > 0) {
      message.blocks = [
        ...message.blocks,
        context(
          'A chart of on-time delivery, deployment success and Go → shipped per release follows by direct message.',
        ),
      ];
    }
    return ephemeral(message);
  },
};

const exportRecord: Subcommand<ReportingDeps> = {
  name: 'export',
  topic: 'reports',
  usage: '/release export [release:<name>]',
  summary: 'Upload the release’s record as a Markdown file: roles, decisions, checklist, handoffs, audit log.',
  example: '/release export release:2.4.0',
  details:
    'Works on finished releases too (the channel’s latest, or any by name), for the retrospective and audits. ' +
    'In the release’s own channel the file is posted there; from anywhere else it comes to you by direct message, ' +
    'and only if you are a member of the release’s channel.',
  options: [],
  async run(ctx) {
    const found = await readingRelease(ctx);
    if ('reply' in found) return found.reply;
    // The record goes where its readers already are: the release's channel, or the requester alone.
    const inOwnChannel = found.release.channelId === ctx.channelId;
    try {
      await uploadReleaseRecord(ctx.deps, ctx.client, {
        release: found.release,
        userId: ctx.userId,
        to: inOwnChannel ? 'channel' : 'dm',
      });
    } catch (error) {
      ctx.deps.logger.warn('export upload failed', error);
      return {
        ephemeral: buildErrorMessage(
          inOwnChannel
            ? 'I could not upload the file here. Invite me to this channel (`/invite @release-bot`) and try again.'
            : 'I could not send you the file by direct message. Run the command in the release’s channel instead.',
        ),
      };
    }
    return notice(
      inOwnChannel
        ? `Uploaded the record of ${releaseLabel(found.release)} to this channel.`
        : `Sent you the record of ${releaseLabel(found.release)} by direct message.`,
    );
  },
};

export const REPORTING_SUBCOMMANDS: Subcommand<ReportingDeps>[] = [metrics, exportRecord];
