import { code, releaseLabel } from '../../../core/domain/markup.ts';
import { isReleaseManager } from '../../../core/domain/roles.ts';
import { freeText, parseUserMention } from '../../../platform/slack/command-text.ts';
import { ephemeral, notice, problem, usageError } from '../../../platform/slack/commands/replies.ts';
import type { Subcommand } from '../../../platform/slack/commands/types.ts';
import { releaseFor } from '../../../releases/index.ts';
import type { CadenceDeps } from '../../deps.ts';
import { riskScore } from '../../domain/risk.ts';
import { configureRiskReview, configureStandup, getReleaseSchedule } from '../../usecases/cadence-config.ts';
import { postRiskReport } from '../../usecases/risk-report.ts';
import { addRisk, closeRisk, listRisks } from '../../usecases/risks.ts';
import { startStandupNow } from '../../usecases/standups.ts';
import { buildRiskListMessage, buildRiskModal } from '../views/risk.ts';
import { buildScheduleMessage, describeCadence } from '../views/schedule.ts';
import { buildStandupConfigModal } from '../views/standup-config.ts';

const standup: Subcommand<CadenceDeps> = {
  name: 'standup',
  topic: 'standups',
  usage:
    '/release standup now | /release standup config [time:HH:MM] [days:mon-fri] [reminder:<duration>] [cutoff:<duration>] [holidays:<dates>] [delivery:channel|dm]',
  summary: "Post today's standup prompt now, or change when standups run (Release Manager).",
  example: '/release standup config time:09:30 days:sun-thu reminder:2h cutoff:4h holidays:2026-12-24,--12-25',
  details:
    'Standups are posted on working days inside the release window at the configured time in the release time zone ' +
    '(default 09:30, mon-fri). Role holders who have not answered are reminded once (default 2h after the prompt); ' +
    'the summary follows at the cut-off (default 4h). Holidays: dates (YYYY-MM-DD) or yearly dates (--MM-DD). ' +
    '`delivery:dm` asks each role holder by direct message at the standup time in their own Slack time zone.',
  options: ['time', 'days', 'reminder', 'cutoff', 'holidays', 'delivery'],
  async run(ctx) {
    const action = ctx.parsed.words[0]?.toLowerCase();
    if (action !== 'now' && action !== 'config')
      return usageError(
        this,
        action ? `${code(action)} is not a standup action: use \`now\` or \`config\`.` : 'Say `now` or `config`.',
      );
    const found = await releaseFor(ctx, { activeOnly: true });
    if ('reply' in found) return found.reply;
    if (action === 'now') {
      const result = await startStandupNow(ctx.deps, {
        release: found.release,
        actorId: ctx.userId,
        owner: `manual:${ctx.userId}`,
      });
      if (!result.ok) return problem(result.message);
      return notice(`Today's standup for ${releaseLabel(found.release)} is posted in <#${found.release.channelId}>.`);
    }
    const { options } = ctx.parsed;
    if (options.size === 0) {
      // No options: the schedule as a form, for the RM (anyone else hears who may, as with options).
      const assignments = await ctx.deps.store.releases.assignments(found.release.id);
      if (isReleaseManager(assignments, ctx.userId)) {
        const opened = await ctx.deps.modals.open({
          triggerId: ctx.triggerId,
          userId: ctx.userId,
          view: buildStandupConfigModal({
            release: found.release,
            config: await ctx.deps.store.cadence.config(found.release.id),
          }),
        });
        return opened.ok ? { none: true } : problem(opened.message);
      }
    }
    const result = await configureStandup(ctx.deps, {
      release: found.release,
      actorId: ctx.userId,
      options: {
        time: options.get('time'),
        days: options.get('days'),
        reminder: options.get('reminder'),
        cutoff: options.get('cutoff'),
        holidays: options.get('holidays'),
        delivery: options.get('delivery'),
      },
    });
    if (!result.ok) return usageError(this, result.message);
    const lead = result.changed ? 'Standup schedule updated' : 'Standup schedule (nothing changed)';
    return notice(`${lead} for ${releaseLabel(found.release)}:\n${describeCadence(result.config)}`);
  },
};

const RISK_USAGE =
  '/release risk add <title> severity:<1-5> likelihood:<1-5> [owner:<@user>] [mitigation:"…"] [due:<YYYY-MM-DD>] | risk list | risk close <id> [note] | risk report now | risk config [day:mon] [time:10:00] [collect:4h]';

const risk: Subcommand<CadenceDeps> = {
  name: 'risk',
  topic: 'standups',
  aliases: ['risks'],
  usage: RISK_USAGE,
  summary: 'The risk register: add, list (highest score first), close; the weekly risk report.',
  example:
    '/release risk add "Payment API rate limits" severity:4 likelihood:3 owner:@dana mitigation:"cache tokens" due:2026-12-05',
  details:
    'Score = severity × likelihood. `risk add` with no arguments opens a form. Every change is kept in the risk history. ' +
    'The weekly review (default Monday 10:00, release time zone) asks each lead about the risks they own, then posts ' +
    'the report; `risk config day:<weekday> time:<HH:MM> collect:<duration>` changes it.',
  options: ['severity', 'likelihood', 'owner', 'mitigation', 'due', 'day', 'time', 'collect'],
  async run(ctx) {
    const [first, ...rest] = ctx.parsed.words;
    const action = first?.toLowerCase() ?? 'list';
    const found = await releaseFor(ctx, { activeOnly: action !== 'list' });
    if ('reply' in found) return found.reply;
    const { release } = found;
    const { options } = ctx.parsed;
    if (action === 'list') return ephemeral(buildRiskListMessage({ release, ...(await listRisks(ctx.deps, release)) }));
    if (action === 'add') {
      if (rest.length === 0 && options.size === 0) {
        const opened = await ctx.deps.modals.open({
          triggerId: ctx.triggerId,
          userId: ctx.userId,
          view: buildRiskModal({ release }),
        });
        return opened.ok ? { none: true } : problem(opened.message);
      }
      const ownerText = options.get('owner');
      const ownerId = ownerText === undefined ? undefined : parseUserMention(ownerText);
      if (ownerText !== undefined && !ownerId)
        return usageError(this, `${code(ownerText)} is not a mention: write \`owner:@name\` and pick the person.`);
      const result = await addRisk(ctx.deps, {
        release,
        actorId: ctx.userId,
        draft: {
          title: freeText(rest),
          severity: options.get('severity'),
          likelihood: options.get('likelihood'),
          ownerId,
          mitigation: options.get('mitigation'),
          due: options.get('due'),
        },
      });
      if (!result.ok) return usageError(this, result.message);
      return notice(
        `Risk #${result.risk.id} added to ${releaseLabel(release)} with score *${riskScore(result.risk)}*. \`/release risk list\` shows the register.`,
      );
    }
    if (action === 'close') {
      const id = Number(rest[0]);
      if (!rest[0] || !Number.isInteger(id) || id <= 0)
        return usageError(this, 'Say which risk: `/release risk close 3 mitigated by caching`.');
      const result = await closeRisk(ctx.deps, {
        release,
        riskId: id,
        actorId: ctx.userId,
        note: freeText(rest.slice(1)),
      });
      if (!result.ok) return problem(result.message);
      return notice(`Risk #${id} of ${releaseLabel(release)} is closed.`);
    }
    if (action === 'report') {
      if (rest[0]?.toLowerCase() !== 'now') return usageError(this, 'Write `/release risk report now`.');
      if (!(await ctx.deps.store.releases.assignments(release.id)).some((a) => a.userId === ctx.userId))
        return problem(`Only the role holders of ${releaseLabel(release)} can post its risk report.`);
      await postRiskReport(ctx.deps, release, null);
      return notice(`The risk report of ${releaseLabel(release)} is posted in <#${release.channelId}>.`);
    }
    if (action === 'config') {
      const result = await configureRiskReview(ctx.deps, {
        release,
        actorId: ctx.userId,
        options: { day: options.get('day'), time: options.get('time'), collect: options.get('collect') },
      });
      if (!result.ok) return usageError(this, result.message);
      return notice(`Weekly risk review of ${releaseLabel(release)}:\n${describeCadence(result.config)}`);
    }
    return usageError(
      this,
      `${code(action)} is not a risk action: use \`add\`, \`list\`, \`close\`, \`report now\` or \`config\`.`,
    );
  },
};

const schedule: Subcommand<CadenceDeps> = {
  name: 'schedule',
  topic: 'standups',
  usage: '/release schedule [release:<name>]',
  summary:
    "The next standups (by DM: at each person's own local time) and risk reviews, follow-ups waiting, and missed runs.",
  example: '/release schedule',
  options: [],
  async run(ctx) {
    const found = await releaseFor(ctx);
    if ('reply' in found) return found.reply;
    return ephemeral(buildScheduleMessage(await getReleaseSchedule(ctx.deps, found.release)));
  },
};

export const CADENCE_SUBCOMMANDS: Subcommand<CadenceDeps>[] = [standup, risk, schedule];
