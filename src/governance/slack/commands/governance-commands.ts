import { readinessChanged } from '../../../core/contributions.ts';
import { code } from '../../../core/domain/markup.ts';
import { ACTIVITIES, parseActivity } from '../../../core/domain/raci.ts';
import { freeText } from '../../../platform/slack/command-text.ts';
import { ephemeral, problem, usageError } from '../../../platform/slack/commands/replies.ts';
import type { CommandContext, CommandReply, Subcommand } from '../../../platform/slack/commands/types.ts';
import { postWithInformed } from '../../../platform/slack/post.ts';
import type { SlackMessage } from '../../../platform/slack/views/message.ts';
import { readingRelease, releaseFor } from '../../../releases/index.ts';
import type { GovernanceDeps } from '../../deps.ts';
import { AUTHORITY_AREAS, areaKeyword, parseArea } from '../../domain/authority.ts';
import { HANDOFFS, parseHandoff } from '../../domain/handoff.ts';
import { getChecklist } from '../../usecases/get-checklist.ts';
import { recordAuthorityDecision } from '../../usecases/record-authority-decision.ts';
import { recordChecklistOverride } from '../../usecases/record-checklist-override.ts';
import { recordConflict } from '../../usecases/record-conflict.ts';
import { getHandoff, rememberHandoffMessage } from '../../usecases/take-handoff-step.ts';
import {
  buildAuthorityHelp,
  buildConflictMessage,
  buildDecisionMessage,
  buildProposalMessage,
  formatAuthorityTable,
} from '../views/authority.ts';
import { buildChecklistMessage, buildOverrideAnnouncement } from '../views/checklist.ts';
import { buildHandoffMessage } from '../views/handoff.ts';
import { buildRaciMessage } from '../views/raci.ts';

/** Posts in the channel (Informed roles told in the thread); falls back to an in-channel reply if the bot cannot post. */
async function announce(
  ctx: CommandContext<GovernanceDeps>,
  message: SlackMessage,
  informed?: string,
): Promise<CommandReply> {
  const ts = await postWithInformed(ctx.client, ctx.deps.logger, ctx.channelId, message, informed);
  return ts ? { none: true } : { inChannel: message };
}

const checklist: Subcommand<GovernanceDeps> = {
  name: 'checklist',
  usage: '/release checklist [override <reason>] [release:<name>]',
  summary:
    'The release checklist: each item ticked by its owner role or the RM. `override` accepts Go with items open (RM).',
  example: '/release checklist override "monitoring dashboards follow tomorrow; alerts are live"',
  details:
    'Owners: Tech Lead — PRs merged and reviewed, security scans, documentation; QA Lead — tests passing, quality ' +
    'gates; DevOps — rollback plan, monitoring; Product Owner — release notes; Release Manager — team notified, ' +
    'stakeholders informed. A tick may carry an evidence link. Go needs every item ticked, or the Release ' +
    'Manager’s override with a reason, which is recorded and announced.',
  options: [],
  async run(ctx) {
    const [first, ...rest] = ctx.parsed.words;
    if (first?.toLowerCase() === 'override') {
      const found = await releaseFor(ctx, { activeOnly: true });
      if ('reply' in found) return found.reply;
      const reason = freeText(rest);
      if (!reason) return usageError(this, 'Give the reason Go is acceptable with items open.');
      const result = await recordChecklistOverride(ctx.deps, { release: found.release, actorId: ctx.userId, reason });
      if (!result.ok) return problem(result.message);
      const reply = await announce(
        ctx,
        buildOverrideAnnouncement({
          actorId: ctx.userId,
          release: found.release,
          openLabels: result.openLabels,
          reason,
        }),
      );
      // An open go/no-go poll shows the checklist: it now shows the override.
      await readinessChanged(ctx.deps, found.release.id);
      return reply;
    }
    if (first)
      return usageError(this, `${code(first)} is not something the checklist does. Try \`/release checklist\`.`);
    const found = await readingRelease(ctx);
    if ('reply' in found) return found.reply;
    return ephemeral(buildChecklistMessage(await getChecklist(ctx.deps, found.release)));
  },
};

const HANDOFF_WORDS = HANDOFFS.map((h) => `\`${h.keyword}\``).join(', ');

const handoff: Subcommand<GovernanceDeps> = {
  name: 'handoff',
  usage: '/release handoff <dev-qa|qa-devops|devops-ops> [release:<name>]',
  summary: 'Post a handoff with its steps: the handing role signs off, the receiving role confirms, in order.',
  example: '/release handoff qa-devops',
  details:
    'Development → QA (Tech Lead signs off, QA Lead confirms), QA → DevOps (QA Lead → DevOps), DevOps → Operations ' +
    '(DevOps → the Release Manager for Operations). A handoff is confirmed only after the previous one.',
  options: [],
  async run(ctx) {
    const [word, ...extra] = ctx.parsed.words;
    if (!word) return usageError(this, `Say which handoff: ${HANDOFF_WORDS}.`);
    const definition = parseHandoff(word);
    if (!definition || extra.length > 0)
      return usageError(this, `${code(ctx.parsed.words.join(' '))} is not a handoff. Handoffs: ${HANDOFF_WORDS}.`);
    const found = await releaseFor(ctx, { activeOnly: true });
    if ('reply' in found) return found.reply;
    const view = await getHandoff(ctx.deps, found.release, definition.key);
    const message = buildHandoffMessage(view);
    const ts = await postWithInformed(ctx.client, ctx.deps.logger, ctx.channelId, message, undefined);
    if (!ts) return { inChannel: message };
    await rememberHandoffMessage(ctx.deps, view, ctx.channelId, ts);
    return { none: true };
  },
};

const AREA_WORDS = AUTHORITY_AREAS.map((a) => `\`${areaKeyword(a)}\``).join(', ');

const decide: Subcommand<GovernanceDeps> = {
  name: 'decide',
  usage: '/release decide <area> <decision> [why:"<rationale>"] [release:<name>]',
  summary: 'Record a decision in an area where your role has final authority; it is posted and kept.',
  example: '/release decide deployment-method "blue-green with a 10% canary" why:"lowest risk for the schema change"',
  details: `Areas: ${AREA_WORDS}. Release scope (\`scope\`) is decided by the Product Owner together with the Release Manager: one proposes, the other agrees with a button.`,
  options: ['why'],
  async run(ctx) {
    const [areaWord, ...rest] = ctx.parsed.words;
    if (!areaWord) return { ephemeral: { text: 'Who decides what', blocks: buildAuthorityHelp() } };
    const area = parseArea(areaWord);
    if (!area) return usageError(this, `${code(areaWord)} is not a decision area.\n${formatAuthorityTable()}`);
    const text = freeText(rest);
    if (!text) return usageError(this, `Say what was decided about ${area.label.toLowerCase()}.`);
    const found = await releaseFor(ctx, { activeOnly: true });
    if ('reply' in found) return found.reply;
    const result = await recordAuthorityDecision(ctx.deps, {
      release: found.release,
      actorId: ctx.userId,
      area,
      decision: text,
      rationale: ctx.parsed.options.get('why'),
    });
    if (!result.ok) return problem(result.message);
    if (result.mode === 'proposed') {
      return announce(ctx, buildProposalMessage(found.release, result.proposal, result.partner, result.partnerHolders));
    }
    return announce(ctx, buildDecisionMessage(found.release, result.decision, result.settled), result.informed);
  },
};

const conflict: Subcommand<GovernanceDeps> = {
  name: 'conflict',
  usage: '/release conflict <area> <perspective A> | <perspective B> [release:<name>]',
  summary: 'Record a disagreement with both perspectives before the decision; the RM coordinates.',
  example: '/release conflict deployment-method big-bang over the weekend | blue-green during office hours',
  options: [],
  async run(ctx) {
    const [areaWord, ...rest] = ctx.parsed.words;
    if (!areaWord) return usageError(this, 'Say which decision area the disagreement is about.');
    const area = parseArea(areaWord);
    if (!area) return usageError(this, `${code(areaWord)} is not a decision area. Areas: ${AREA_WORDS}.`);
    const parts = freeText(rest).split('|');
    if (parts.length !== 2 || !parts[0]?.trim() || !parts[1]?.trim())
      return usageError(this, 'Give exactly two perspectives separated by one `|`.');
    const found = await releaseFor(ctx, { activeOnly: true });
    if ('reply' in found) return found.reply;
    const result = await recordConflict(ctx.deps, {
      release: found.release,
      actorId: ctx.userId,
      area,
      perspectiveA: parts[0],
      perspectiveB: parts[1],
    });
    if (!result.ok) return problem(result.message);
    return announce(ctx, buildConflictMessage(found.release, result.conflict, result.deciders, result.managers));
  },
};

const raci: Subcommand<GovernanceDeps> = {
  name: 'raci',
  usage: '/release raci [activity] [release:<name>]',
  summary: 'Who is Responsible, Accountable, Consulted and Informed, with the current holders of each role.',
  example: '/release raci deployment',
  details: `Activities: ${ACTIVITIES.map((a) => `\`${a.replaceAll('_', '-')}\``).join(', ')}.`,
  options: [],
  async run(ctx) {
    const word = ctx.parsed.words.join('-');
    const activity = word ? parseActivity(word) : undefined;
    if (word && !activity)
      return usageError(
        this,
        `${code(ctx.parsed.words.join(' '))} is not an activity. Activities: ${ACTIVITIES.map((a) => `\`${a.replaceAll('_', '-')}\``).join(', ')}.`,
      );
    const found = await readingRelease(ctx);
    if ('reply' in found && ctx.parsed.options.has('release')) return found.reply;
    const release = 'release' in found ? found.release : undefined;
    return ephemeral(
      buildRaciMessage({
        activity,
        releaseName: release?.name,
        assignments: release ? await ctx.deps.store.releases.assignments(release.id) : undefined,
      }),
    );
  },
};

export const GOVERNANCE_SUBCOMMANDS: Subcommand<GovernanceDeps>[] = [checklist, handoff, decide, conflict, raci];
