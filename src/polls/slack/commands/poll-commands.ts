import { formatDuration, parseDuration } from '../../../core/domain/duration.ts';
import { code, releaseLabel } from '../../../core/domain/markup.ts';
import { buildDecisionLogMessage, listDecisions } from '../../../governance/index.ts';
import { ephemeral, notice, problem, usageError } from '../../../platform/slack/commands/replies.ts';
import type { Subcommand } from '../../../platform/slack/commands/types.ts';
import { formatInstant } from '../../../platform/slack/views/format.ts';
import { releaseFor, resolveRelease } from '../../../releases/index.ts';
import type { PollsDeps } from '../../deps.ts';
import { POLL_WORDING, type PollActivity } from '../../domain/go-no-go.ts';
import { openPoll } from '../../usecases/open-poll.ts';

const MIN_DEADLINE_MS = 60_000;
const MAX_DEADLINE_MS = 7 * 86_400_000;

function pollCommand(
  activity: PollActivity,
  spec: Pick<Subcommand<PollsDeps>, 'name' | 'topic' | 'gettingStarted' | 'summary' | 'details'>,
): Subcommand<PollsDeps> {
  const title = POLL_WORDING[activity].title;
  return {
    ...spec,
    usage: `/release ${spec.name} [deadline:<duration>] [release:<name>]`,
    example: `/release ${spec.name} deadline:2h`,
    options: ['deadline'],
    async run(ctx) {
      const rawDeadline = ctx.parsed.options.get('deadline');
      const deadlineMs = rawDeadline === undefined ? undefined : parseDuration(rawDeadline);
      if (rawDeadline !== undefined && deadlineMs === undefined) {
        return usageError(this, `${code(rawDeadline)} is not a duration. Write it like \`30m\`, \`2h\` or \`1d\`.`);
      }
      if (deadlineMs !== undefined && (deadlineMs < MIN_DEADLINE_MS || deadlineMs > MAX_DEADLINE_MS)) {
        return usageError(this, 'A deadline is between 1 minute and 7 days away.');
      }
      if (ctx.parsed.words.length > 0) {
        return usageError(this, `I don't understand ${code(ctx.parsed.words.join(' '))}.`);
      }
      const found = await releaseFor(ctx, { activeOnly: true });
      if ('reply' in found) return found.reply;
      const result = await openPoll(ctx.deps, { release: found.release, actorId: ctx.userId, activity, deadlineMs });
      if (!result.ok) {
        const where = result.existing ? ` Vote on the poll in <#${result.existing.channelId}>.` : '';
        return problem(`${result.message}${where}`);
      }
      const deadline = result.poll.deadlineAt
        ? ` I'll remind whoever has not voted ${formatInstant(result.poll.deadlineAt)} (in ${formatDuration(deadlineMs ?? 0)}).`
        : '';
      return notice(
        `The ${title} for ${releaseLabel(found.release)} is posted in <#${result.poll.channelId}>.${deadline}`,
      );
    },
  };
}

const gonogo = pollCommand('go_no_go', {
  name: 'gonogo',
  topic: 'polls',
  gettingStarted: 4,
  summary: 'Open the go/no-go poll: Tech Lead, QA Lead, DevOps and Product Owner vote; the Release Manager decides.',
  details:
    'Release Manager only. Each Responsible role votes Go, Go with conditions (with the conditions) or No-Go (with a ' +
    'reason). The recommendation is Go only when every voting role says Go. Deciding against it needs a rationale. ' +
    'A Go moves the release to approved for deployment. With `deadline:` I remind whoever has not voted, once.',
});

const rollback = pollCommand('rollback', {
  name: 'rollback',
  topic: 'polls',
  summary: 'Open the rollback decision: Tech Lead and DevOps vote, QA and Product Owner are consulted, the RM decides.',
  details:
    'The Release Manager, Tech Lead or DevOps may open it, once the release is approved or shipped. When the ' +
    'rollback is done, mark it with `/release rolledback`.',
});

const decisions: Subcommand<PollsDeps> = {
  name: 'decisions',
  topic: 'polls',
  usage: '/release decisions [release:<name>]',
  summary: 'The decision log: go/no-go, rollback and authority decisions, newest first, with who, when and why.',
  example: '/release decisions',
  options: [],
  async run(ctx) {
    const name = ctx.parsed.options.get('release');
    if (name !== undefined) {
      // Named: the same rule as every `release:` option (members of its channel only, from elsewhere).
      const named = await releaseFor(ctx);
      if ('reply' in named) return named.reply;
      return ephemeral(
        buildDecisionLogMessage(await listDecisions(ctx.deps, { teamId: ctx.teamId, release: named.release })),
      );
    }
    const found = await resolveRelease(ctx.deps.store.releases, { teamId: ctx.teamId, channelId: ctx.channelId }, {});
    const log = await listDecisions(ctx.deps, { teamId: ctx.teamId, release: found.ok ? found.release : undefined });
    if (log.scope) return ephemeral(buildDecisionLogMessage(log));
    // The workspace's log shows only releases whose channel the reader is in: a private channel's stay private.
    const visible: typeof log.entries = [];
    for (const entry of log.entries) {
      const release = await ctx.deps.store.releases.findById(entry.releaseId);
      if (
        release &&
        (release.channelId === ctx.channelId || (await ctx.deps.channels.isMember(release.channelId, ctx.userId)))
      ) {
        visible.push(entry);
      }
    }
    return ephemeral(buildDecisionLogMessage({ ...log, entries: visible }));
  },
};

export const POLL_SUBCOMMANDS: Subcommand<PollsDeps>[] = [gonogo, rollback, decisions];
