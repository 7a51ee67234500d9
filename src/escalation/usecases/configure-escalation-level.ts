import { type Failure, fail } from '../../core/deps.ts';
import type { Release } from '../../core/domain/release.ts';
import { ROLE_LABELS } from '../../core/domain/roles.ts';
import type { EscalationDeps } from '../deps.ts';
import {
  DEFAULT_ACK_MS,
  type EscalationLevel,
  type LevelSetting,
  levelLabel,
  type ReleaseLevelSetting,
} from '../domain/levels.ts';
import { formatPingList } from '../domain/mentions.ts';
import { parseDays, parseHours } from '../domain/quiet-hours.ts';
import { type LevelTargets, levelTargets } from './escalation-delivery.ts';

export const MIN_ACK_MS = 1000;
export const MAX_ACK_MS = 7 * 86_400_000;
export const MAX_PINGS = 20;

export type LevelScope = { kind: 'workspace' } | { kind: 'release'; release: Release };

export type ConfigureLevelInput = {
  teamId: string;
  actorId: string;
  scope: LevelScope;
  level: EscalationLevel;
  channelId: string;
  pings: string[];
  ackMs: number | undefined;
  hours?: string | undefined;
  days?: string | undefined;
};

/**
 * Who may set the workspace's defaults: the users ESCALATION_ADMINS lists, or (when it lists none) Slack's workspace
 * admins and owners. Everyone else is told who may.
 */
export async function whyCannotSetWorkspace(deps: EscalationDeps, actorId: string): Promise<string | undefined> {
  if (deps.escalationAdmins.length > 0) {
    if (deps.escalationAdmins.includes(actorId)) return undefined;
    return (
      `Only the escalation admins (${formatPingList(deps.escalationAdmins)}) can set the workspace's escalation ` +
      'levels. Without `scope:workspace` the Release Manager sets them for their own release.'
    );
  }
  if (await deps.escalationDirectory.isWorkspaceAdmin(actorId)) return undefined;
  return (
    "Only a workspace admin or owner can set the workspace's escalation levels. Without `scope:workspace` the " +
    'Release Manager sets them for their own release.'
  );
}

/** Who may set a release's own levels: its Release Manager. */
export async function whyCannotSetRelease(
  deps: EscalationDeps,
  release: Release,
  actorId: string,
): Promise<string | undefined> {
  const managers = (await deps.store.releases.assignments(release.id)).filter((a) => a.role === 'rm');
  if (managers.some((a) => a.userId === actorId)) return undefined;
  const who = managers.length > 0 ? ` (${formatPingList(managers.map((a) => a.userId))})` : '';
  return `Only the ${ROLE_LABELS.rm} of ${release.name}${who} can set its escalation levels.`;
}

export type ConfigureLevelResult = { ok: true; setting: LevelSetting; previous: LevelSetting | undefined } | Failure;

export async function configureEscalationLevel(
  deps: EscalationDeps,
  input: ConfigureLevelInput,
): Promise<ConfigureLevelResult> {
  const now = deps.clock.now();
  const ackMs = input.ackMs ?? DEFAULT_ACK_MS[input.level];
  if (ackMs < MIN_ACK_MS || ackMs > MAX_ACK_MS) return fail('The acknowledgement time must be between 1s and 7d.');
  const pings = [...new Set(input.pings)];
  if (pings.length > MAX_PINGS) return fail(`Ping at most ${MAX_PINGS} people or groups; use a user group instead.`);
  if (input.hours !== undefined && parseHours(input.hours) === undefined) {
    return fail(`\`${input.hours}\` is not a span of hours. Write it like \`hours:09:00-17:00\` or \`hours:always\`.`);
  }
  if (input.days !== undefined && parseDays(input.days) === undefined) {
    return fail(`\`${input.days}\` is not a list of days. Write it like \`days:mon-fri\` or \`days:sun-thu\`.`);
  }
  const { scope } = input;
  // Slack is asked whether the person is an admin before the transaction: no Slack call inside one.
  const denied = scope.kind === 'workspace' ? await whyCannotSetWorkspace(deps, input.actorId) : undefined;
  if (denied) return fail(denied);
  // The release's Release Manager is read in the transaction that writes.
  return deps.store.transaction(async (): Promise<ConfigureLevelResult> => {
    if (scope.kind === 'release') {
      const notRm = await whyCannotSetRelease(deps, scope.release, input.actorId);
      if (notRm) return fail(notRm);
    }
    const setting: LevelSetting = {
      teamId: input.teamId,
      level: input.level,
      channelId: input.channelId,
      pings,
      ackMs,
      ...(input.hours ? { hours: input.hours.trim().toLowerCase() } : {}),
      ...(input.days ? { days: input.days.trim().toLowerCase() } : {}),
      updatedBy: input.actorId,
      updatedAt: now,
    };
    let previous: LevelSetting | undefined;
    if (scope.kind === 'workspace') {
      previous = (await deps.store.escalations.levelSettings(input.teamId)).find((s) => s.level === input.level);
      await deps.store.escalations.saveLevelSetting(setting);
    } else {
      const releaseSetting: ReleaseLevelSetting = { ...setting, releaseId: scope.release.id };
      previous = (await deps.store.escalations.releaseLevelSettings(scope.release.id)).find(
        (s) => s.level === input.level,
      );
      await deps.store.escalations.saveReleaseLevelSetting(releaseSetting);
    }
    await deps.store.audit.record({
      teamId: input.teamId,
      releaseId: scope.kind === 'release' ? scope.release.id : null,
      actorId: input.actorId,
      action: 'escalation.level_configured',
      subject: `${scope.kind}:${input.level}`,
      before: previous ?? null,
      after: setting,
      at: now,
    });
    return { ok: true as const, setting, previous };
  });
}

/** The levels in force for a release (where each comes from), or the workspace's when there is no release here. */
export async function levelsInForce(deps: EscalationDeps, release: Release): Promise<LevelTargets> {
  return levelTargets(deps, release);
}

/** "Level 2 (Management) and Level 3 (Executive)": what the release cannot reach, or undefined when it reaches all. */
export function unreachableLevels(targets: LevelTargets): EscalationLevel[] {
  return ([2, 3] as const).filter((level) => !targets.has(level));
}

export function describeUnreachable(levels: EscalationLevel[]): string | undefined {
  if (levels.length === 0) return undefined;
  const names = levels.map(levelLabel).join(' and ');
  const many = levels.length > 1;
  // The form (no options) is the way in: it shows every level and sets one per submission.
  return (
    `:warning: ${names} ${many ? 'are' : 'is'} not set up for this release: escalations that belong ` +
    `there stay with the team. Set ${many ? 'them' : 'it'} up with \`/release escalation\` (a form opens).`
  );
}

export async function listLevelSettings(deps: EscalationDeps, teamId: string): Promise<LevelSetting[]> {
  return deps.store.escalations.levelSettings(teamId);
}
