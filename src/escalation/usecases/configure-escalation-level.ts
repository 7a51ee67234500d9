import { type Failure, fail } from '../../core/deps.ts';
import { ROLE_LABELS } from '../../core/domain/roles.ts';
import type { EscalationDeps } from '../deps.ts';
import { DEFAULT_ACK_MS, type EscalationLevel, type LevelSetting } from '../domain/levels.ts';

export const MIN_ACK_MS = 1000;
export const MAX_ACK_MS = 7 * 86_400_000;
export const MAX_PINGS = 20;

export type ConfigureLevelInput = {
  teamId: string;
  actorId: string;
  level: EscalationLevel;
  channelId: string;
  pings: string[];
  ackMs: number | undefined;
};

/**
 * Who may set the workspace's escalation levels: the Release Manager of any active release in the workspace; while no
 * active release has one, anyone (so a new workspace can be set up).
 */
export async function whyCannotConfigure(
  deps: EscalationDeps,
  teamId: string,
  actorId: string,
): Promise<string | undefined> {
  const releases = await deps.store.releases.listActive(teamId);
  const managers = new Set<string>();
  for (const r of releases) {
    for (const a of await deps.store.releases.assignments(r.id)) if (a.role === 'rm') managers.add(a.userId);
  }
  if (managers.size === 0 || managers.has(actorId)) return undefined;
  return `Only a ${ROLE_LABELS.rm} of an active release (${[...managers].map((id) => `<@${id}>`).join(', ')}) can configure escalation levels.`;
}

export type ConfigureLevelResult = { ok: true; setting: LevelSetting; previous: LevelSetting | undefined } | Failure;

export async function configureEscalationLevel(
  deps: EscalationDeps,
  input: ConfigureLevelInput,
): Promise<ConfigureLevelResult> {
  const now = deps.clock.now();
  // The permission check reads who manages the active releases: it runs in the transaction that writes.
  return deps.store.transaction(async (): Promise<ConfigureLevelResult> => {
    const denied = await whyCannotConfigure(deps, input.teamId, input.actorId);
    if (denied) return fail(denied);
    const ackMs = input.ackMs ?? DEFAULT_ACK_MS[input.level];
    if (ackMs < MIN_ACK_MS || ackMs > MAX_ACK_MS) return fail('The acknowledgement time must be between 1s and 7d.');
    const pings = [...new Set(input.pings)];
    if (pings.length > MAX_PINGS) return fail(`Ping at most ${MAX_PINGS} people or groups; use a user group instead.`);
    const previous = (await deps.store.escalations.levelSettings(input.teamId)).find((s) => s.level === input.level);
    const setting: LevelSetting = {
      teamId: input.teamId,
      level: input.level,
      channelId: input.channelId,
      pings,
      ackMs,
      updatedBy: input.actorId,
      updatedAt: now,
    };
    await deps.store.escalations.saveLevelSetting(setting);
    await deps.store.audit.record({
      teamId: input.teamId,
      releaseId: null,
      actorId: input.actorId,
      action: 'escalation.level_configured',
      subject: String(input.level),
      before: previous ?? null,
      after: setting,
      at: now,
    });
    return { ok: true as const, setting, previous };
  });
}

export async function listLevelSettings(deps: EscalationDeps, teamId: string): Promise<LevelSetting[]> {
  return deps.store.escalations.levelSettings(teamId);
}
