import { readinessChanged } from '../../../core/contributions.ts';
import { code, releaseLabel } from '../../../core/domain/markup.ts';
import { ACTIVITIES, parseActivity } from '../../../core/domain/raci.ts';
import type { Release } from '../../../core/domain/release.ts';
import { originalTarget } from '../../../core/domain/schedule-change.ts';
import { freeText } from '../../../platform/slack/command-text.ts';
import { ephemeral, notice, problem, usageError } from '../../../platform/slack/commands/replies.ts';
import type { CommandContext, CommandReply, Subcommand } from '../../../platform/slack/commands/types.ts';
import { postWithInformed } from '../../../platform/slack/post.ts';
import type { SlackMessage } from '../../../platform/slack/views/message.ts';
import { readingRelease, releaseFor } from '../../../releases/index.ts';
import type { GovernanceDeps } from '../../deps.ts';
import { AUTHORITY_AREAS, areaKeyword, parseArea } from '../../domain/authority.ts';
import { CHECKLIST_KEYS } from '../../domain/checklist.ts';
import { HANDOFFS, parseHandoff } from '../../domain/handoff.ts';
import type { RescheduleDraft } from '../../domain/reschedule.ts';
import { getChecklist } from '../../usecases/get-checklist.ts';
import { recordAuthorityDecision } from '../../usecases/record-authority-decision.ts';
import { recordChecklistOverride } from '../../usecases/record-checklist-override.ts';
import { recordConflict } from '../../usecases/record-conflict.ts';
import { rescheduleRelease } from '../../usecases/reschedule-release.ts';
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
import { buildRescheduleAnnouncement } from '../views/reschedule.ts';

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
  topic: 'governance',
  gettingStarted: 3,
  usage: '/release checklist [override [item:<key>] <reason>] [release:<name>]',
  summary:
    'The release checklist: each item ticked by its owner role. `override` accepts items open with a reason (RM).',
  example: '/release checklist override item:monitoring "dashboards follow tomorrow; alerts are live"',
  details:
    'Owners: Tech Lead — PRs merged and reviewed, security scans, documentation; QA Lead — tests passing, quality ' +
    'gates; DevOps — rollback plan, monitoring; Product Owner — release notes; Release Manager — team notified, ' +
    'stakeholders informed. Only the owner role ticks an item (a tick may carry an evidence link); the owner or the ' +
    'Release Manager unticks it. Go and shipping need every item ticked, or the Release Manager’s override with a ' +
    'reason: `override <reason>` covers every open item, `override item:<key> <reason>` one item. An override is ' +
    `recorded and announced, and shown apart from the ticks. Item keys: ${CHECKLIST_KEYS.map((k) => `\`${k}\``).join(', ')}.`,
  options: ['item'],
  async run(ctx) {
    const [first, ...rest] = ctx.parsed.words;
    if (first?.toLowerCase() === 'override') {
      const found = await releaseFor(ctx, { activeOnly: true });
      if ('reply' in found) return found.reply;
      const reason = freeText(rest);
      const item = ctx.parsed.options.get('item');
      if (!reason) return usageError(this, 'Give the reason the items may stay open: it is recorded and announced.');
      const result = await recordChecklistOverride(ctx.deps, {
        release: found.release,
        actorId: ctx.userId,
        reason,
        keys: item ? [item.trim().toLowerCase()] : undefined,
      });
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
    if (first || ctx.parsed.options.has('item'))
      return usageError(
        this,
        `${code(ctx.parsed.words.join(' ') || 'item:')} is not something the checklist does. Try \`/release checklist\`.`,
      );
    const found = await readingRelease(ctx);
    if ('reply' in found) return found.reply;
    return ephemeral(buildChecklistMessage(await getChecklist(ctx.deps, found.release)));
  },
};

const HANDOFF_WORDS = HANDOFFS.map((h) => `\`${h.keyword}\``).join(', ');

const handoff: Subcommand<GovernanceDeps> = {
  name: 'handoff',
  topic: 'governance',
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

/** Runs a reschedule and announces it in the channel, the Informed roles told in the thread. */
async function rescheduleAndAnnounce(
  ctx: CommandContext<GovernanceDeps>,
  release: Release,
  draft: RescheduleDraft,
): Promise<{ ok: true; reply: CommandReply } | { ok: false; message: string }> {
  const result = await rescheduleRelease(ctx.deps, { release, actorId: ctx.userId, draft });
  if (!result.ok) return result;
  const changes = await ctx.deps.store.releases.scheduleChanges(release.id);
  const message = buildRescheduleAnnouncement({
    release: result.release,
    before: result.before,
    actorId: ctx.userId,
    reason: result.change.reason,
    count: result.count,
    originalTarget: originalTarget(result.release.targetDate, changes),
  });
  return { ok: true, reply: await announce(ctx, message, result.informed) };
}

const reschedule: Subcommand<GovernanceDeps> = {
  name: 'reschedule',
  topic: 'releases',
  usage: '/release reschedule target:<YYYY-MM-DD> [window:<YYYY-MM-DD>..<YYYY-MM-DD>] reason:"<why>" [release:<name>]',
  summary: 'Move the target date (and the window) with the reason; the history keeps every change. RM only.',
  example: '/release reschedule target:2026-12-17 window:2026-12-08..2026-12-19 reason:"payments API slipped a week"',
  details:
    'Seed: the Release Manager has final authority on release schedule adjustments. The target may be today but ' +
    'not in the past, a window must contain the target, and the reason is required; without `window:` the ' +
    'current window is kept. Standups and weekly risk reviews follow the new dates; each change is kept (who, ' +
    'when, why), logged as a `schedule` decision and announced. Metrics measure on-time delivery against both the ' +
    'original and the final target.',
  options: ['target', 'window', 'reason'],
  async run(ctx) {
    const found = await releaseFor(ctx, { activeOnly: true });
    if ('reply' in found) return found.reply;
    const { options, words } = ctx.parsed;
    // The reason may also be typed as free text after the options.
    const reason = options.get('reason') ?? (words.length > 0 ? freeText(words) : undefined);
    const result = await rescheduleAndAnnounce(ctx, found.release, {
      target: options.get('target'),
      window: options.get('window'),
      reason,
    });
    return result.ok ? result.reply : usageError(this, result.message);
  },
};

const decide: Subcommand<GovernanceDeps> = {
  name: 'decide',
  topic: 'polls',
  usage: '/release decide <area> <decision> [why:"<rationale>"] [release:<name>]',
  summary: 'Record a decision in an area where your role has final authority; it is posted and kept.',
  example: '/release decide deployment-method "blue-green with a 10% canary" why:"lowest risk for the schema change"',
  details:
    `Areas: ${AREA_WORDS}. Release scope (\`scope\`) is decided by the Product Owner together with the Release ` +
    'Manager: one proposes, the other agrees with a button. A `schedule` decision with `target:` (and `window:`) ' +
    'moves the dates exactly as `/release reschedule` does, with `why:` (or the decision) as the reason.',
  options: ['why', 'target', 'window'],
  async run(ctx) {
    const [areaWord, ...rest] = ctx.parsed.words;
    if (!areaWord) return { ephemeral: { text: 'Who decides what', blocks: buildAuthorityHelp() } };
    const area = parseArea(areaWord);
    if (!area) return usageError(this, `${code(areaWord)} is not a decision area.\n${formatAuthorityTable()}`);
    const text = freeText(rest);
    const { options } = ctx.parsed;
    const moves = options.has('target') || options.has('window');
    if (moves && area.key !== 'schedule') {
      return usageError(this, '`target:` and `window:` belong to `schedule` decisions: `/release decide schedule …`.');
    }
    if (!text && !moves) return usageError(this, `Say what was decided about ${area.label.toLowerCase()}.`);
    const found = await releaseFor(ctx, { activeOnly: true });
    if ('reply' in found) return found.reply;
    if (moves) {
      // The same change as `/release reschedule`: one decision, one history entry, one announcement.
      const result = await rescheduleAndAnnounce(ctx, found.release, {
        target: options.get('target') ?? found.release.targetDate,
        window: options.get('window'),
        reason: options.get('why') ?? (text || undefined),
      });
      return result.ok ? result.reply : problem(result.message);
    }
    const result = await recordAuthorityDecision(ctx.deps, {
      release: found.release,
      actorId: ctx.userId,
      area,
      decision: text,
      rationale: options.get('why'),
    });
    if (!result.ok) return problem(result.message);
    if (result.mode === 'proposed') {
      return announce(ctx, buildProposalMessage(found.release, result.proposal, result.partner, result.partnerHolders));
    }
    const reply = await announce(
      ctx,
      buildDecisionMessage(found.release, result.decision, result.settled),
      result.informed,
    );
    if (area.key !== 'schedule' || !('none' in reply)) return reply;
    // A schedule decision in words does not move the dates; say how to, so the metrics measure the real target.
    return notice(
      `Recorded. The dates of ${releaseLabel(found.release)} did not move (target ${found.release.targetDate}). To move ` +
        'them, add `target:` (and `window:`) to this decision, or run `/release reschedule target:YYYY-MM-DD ' +
        '[window:YYYY-MM-DD..YYYY-MM-DD] reason:"…"`.',
    );
  },
};

const conflict: Subcommand<GovernanceDeps> = {
  name: 'conflict',
  topic: 'polls',
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
  topic: 'governance',
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

export const GOVERNANCE_SUBCOMMANDS: Subcommand<GovernanceDeps>[] = [
  checklist,
  handoff,
  decide,
  reschedule,
  conflict,
  raci,
];
