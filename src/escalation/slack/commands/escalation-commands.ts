import { parseDuration } from '../../../core/domain/duration.ts';
import { code, releaseLabel } from '../../../core/domain/markup.ts';
import {
  freeText,
  parseChannelMention,
  parseUsergroupMention,
  parseUserMention,
} from '../../../platform/slack/command-text.ts';
import { ephemeral, notice, problem, usageError } from '../../../platform/slack/commands/replies.ts';
import type { CommandReply, Subcommand } from '../../../platform/slack/commands/types.ts';
import { joinReleaseChannel, releaseFor } from '../../../releases/index.ts';
import type { EscalationDeps } from '../../deps.ts';
import {
  CATEGORY_KEYS,
  ESCALATION_CATEGORIES,
  type EscalationCategory,
  type EscalationLevel,
  levelLabel,
  parseCategory,
  parseLevel,
} from '../../domain/levels.ts';
import {
  configureEscalationLevel,
  type LevelScope,
  levelsInForce,
  listLevelSettings,
  whyCannotSetWorkspace,
} from '../../usecases/configure-escalation-level.ts';
import { listOpenEscalations } from '../../usecases/list-escalations.ts';
import { raiseEscalation } from '../../usecases/raise-escalation.ts';
import {
  buildEscalationListMessage,
  buildLevelSettingsMessage,
  buildLevelsInForceMessage,
  buildLevelsModal,
  buildRaiseEscalationModal,
  formatLevelSaved,
} from '../views/escalation.ts';

const CATEGORY_LIST = CATEGORY_KEYS.map((key) => `\`${key}\` (${ESCALATION_CATEGORIES[key].level})`).join(', ');

function parseLevelOption(
  sub: Subcommand<EscalationDeps>,
  raw: string | undefined,
): EscalationLevel | undefined | CommandReply {
  if (raw === undefined) return undefined;
  const level = parseLevel(raw);
  return level ?? usageError(sub, `${code(raw)} is not a level. Levels are 1 (team), 2 (management), 3 (executive).`);
}

const escalate: Subcommand<EscalationDeps> = {
  name: 'escalate',
  topic: 'escalating',
  usage: '/release escalate [level:<1-3>] [category:<key>] <summary>',
  summary: 'Raise an escalation: posted in the level’s channel, pinging its people (no arguments opens a form).',
  example: '/release escalate category:blocker The staging database is down, QA is blocked',
  details:
    `Categories and their level: ${CATEGORY_LIST}. Without a category or level it goes to level 1 (the team). ` +
    'Nobody acknowledging within the level’s time moves it up a level by itself; at level 3 it pings again until ' +
    'someone acknowledges.',
  options: ['level', 'category'],
  async run(ctx) {
    const { words, options } = ctx.parsed;
    const found = await releaseFor(ctx, { activeOnly: true });
    if ('reply' in found) return found.reply;
    if (words.length === 0 && options.size === 0) {
      const opened = await ctx.deps.modals.open({
        triggerId: ctx.triggerId,
        userId: ctx.userId,
        view: buildRaiseEscalationModal({ releaseId: found.release.id, channelId: ctx.channelId }),
      });
      return opened.ok ? { none: true } : problem(opened.message);
    }
    const level = parseLevelOption(this, options.get('level'));
    if (typeof level === 'object') return level;
    const rawCategory = options.get('category');
    let category: EscalationCategory | undefined;
    if (rawCategory !== undefined) {
      category = parseCategory(rawCategory);
      if (!category) return usageError(this, `${code(rawCategory)} is not a category. Categories: ${CATEGORY_LIST}.`);
    }
    const summary = freeText(words);
    if (!summary) return usageError(this, 'Say what the escalation is about after the options.');
    const result = await raiseEscalation(ctx.deps, {
      release: found.release,
      raisedBy: ctx.userId,
      summary,
      category,
      level,
    });
    if (!result.ok) return usageError(this, result.message);
    const e = result.escalation;
    const lines = [`Escalation *#${e.id}* is raised at *${levelLabel(e.level)}* on ${releaseLabel(found.release)}.`];
    if (result.missingLevel) {
      lines.push(
        `:warning: ${levelLabel(result.missingLevel)} is not set up, so I posted it at the highest level that is and ` +
          `told the Release Manager. Set it up with \`/release escalation level:${result.missingLevel} channel:#… ping:@…\`.`,
      );
    }
    if (result.deliveryProblem) lines.push(`:warning: ${result.deliveryProblem}`);
    return notice(lines.join('\n'));
  },
};

const PING_HELP = 'Mention people (@dana) or a user group (@release-managers) so Slack links them.';

const escalation: Subcommand<EscalationDeps> = {
  name: 'escalation',
  topic: 'escalating',
  usage:
    '/release escalation level:<1-3> channel:<#channel> [ping:<@user or @group>…] [ack:<duration>] ' +
    '[hours:<HH:MM-HH:MM>] [days:<mon-fri>] [scope:workspace]',
  summary:
    'Where an escalation level posts, whom it pings, how long before it climbs (RM: this release; admins: workspace).',
  example: '/release escalation level:2 channel:#eng-managers ping:@eng-managers ack:15m',
  details:
    'Without `scope` it sets the level for the release in this channel only (its Release Manager). With ' +
    '`scope:workspace` it sets the default for every release (workspace admins and owners, or ESCALATION_ADMINS). ' +
    "Level 1 defaults to the release channel and the release's role holders. Acknowledgement times default to 30m, " +
    '15m and 10m; the climb pauses outside `hours`/`days` (levels 1-2: 09:00-17:00 mon-fri, level 3: always). ' +
    'With no options, shows the levels in force and where each comes from.',
  options: ['level', 'channel', 'ping', 'ack', 'scope', 'hours', 'days'],
  async run(ctx) {
    const { words, options } = ctx.parsed;
    if (words.length === 0 && options.size === 0) {
      const found = await releaseFor(ctx, { activeOnly: true });
      if ('reply' in found) {
        return ephemeral(buildLevelSettingsMessage(await listLevelSettings(ctx.deps, ctx.teamId)));
      }
      const targets = await levelsInForce(ctx.deps, found.release);
      const admin = (await whyCannotSetWorkspace(ctx.deps, ctx.userId)) === undefined;
      const opened = ctx.triggerId
        ? await ctx.deps.modals.open({
            triggerId: ctx.triggerId,
            userId: ctx.userId,
            view: buildLevelsModal({ release: found.release, channelId: ctx.channelId, targets, admin }),
          })
        : { ok: false as const, message: 'no trigger' };
      return opened.ok ? { none: true } : ephemeral(buildLevelsInForceMessage(found.release, targets));
    }
    const rawLevel = options.get('level');
    if (!rawLevel) return usageError(this, 'Say which level with `level:1`, `level:2` or `level:3`.');
    const level = parseLevelOption(this, rawLevel);
    if (typeof level === 'object') return level;
    if (!level) return usageError(this, 'Say which level.');
    const rawScope = options.get('scope');
    if (rawScope !== undefined && !['workspace', 'release'].includes(rawScope.toLowerCase())) {
      return usageError(
        this,
        `${code(rawScope)} is not a scope. Use \`scope:workspace\` (or leave it out for this release).`,
      );
    }
    const rawChannel = options.get('channel');
    if (!rawChannel) return usageError(this, `Say where ${levelLabel(level)} posts with \`channel:#channel\`.`);
    const channelId = parseChannelMention(rawChannel);
    if (!channelId) {
      return usageError(this, `${code(rawChannel)} is not a channel. Type # and pick the channel so Slack links it.`);
    }
    const pings: string[] = [];
    const rawPing = options.get('ping');
    for (const token of [...(rawPing ? [rawPing] : []), ...words]) {
      const id = parseUserMention(token) ?? parseUsergroupMention(token);
      if (!id) return usageError(this, `${code(token)} is not a mention. ${PING_HELP}`);
      pings.push(id);
    }
    const rawAck = options.get('ack');
    const ackMs = rawAck === undefined ? undefined : parseDuration(rawAck);
    if (rawAck !== undefined && ackMs === undefined) {
      return usageError(
        this,
        `${code(rawAck)} is not a duration. Write it like \`30s\`, \`15m\`, \`2h\` or \`1h30m\`.`,
      );
    }
    let scope: LevelScope = { kind: 'workspace' };
    if (rawScope?.toLowerCase() !== 'workspace') {
      const found = await releaseFor(ctx, { activeOnly: true });
      if ('reply' in found) return found.reply;
      scope = { kind: 'release', release: found.release };
    }
    const result = await configureEscalationLevel(ctx.deps, {
      teamId: ctx.teamId,
      actorId: ctx.userId,
      scope,
      level,
      channelId,
      pings,
      ackMs,
      hours: options.get('hours'),
      days: options.get('days'),
    });
    if (!result.ok) return problem(result.message);
    const joined = await joinReleaseChannel(ctx, channelId);
    const s = result.setting;
    const where =
      scope.kind === 'workspace' ? 'for every release (workspace default)' : `for ${releaseLabel(scope.release)}`;
    const lines = formatLevelSaved(level, s, where);
    if (!joined)
      lines.push(`:warning: I could not join <#${s.channelId}>: invite me there with \`/invite @release-bot\`.`);
    return notice(lines.join('\n'));
  },
};

const escalations: Subcommand<EscalationDeps> = {
  name: 'escalations',
  topic: 'escalating',
  usage: '/release escalations',
  summary: 'Open escalations of the workspace: level, age, who holds them, when the next step is due.',
  example: '/release escalations',
  options: [],
  async run(ctx) {
    return ephemeral(buildEscalationListMessage(await listOpenEscalations(ctx.deps, ctx.teamId), 'in this workspace'));
  },
};

export const ESCALATION_SUBCOMMANDS: Subcommand<EscalationDeps>[] = [escalate, escalation, escalations];
