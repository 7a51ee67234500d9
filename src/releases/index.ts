/**
 * The releases module's entry: what other modules and the composition root may use. Everything else in the folder is
 * the module's own; dependency-cruiser keeps it that way (`.dependency-cruiser.cjs`).
 */
export type { ReleasesDeps } from './deps.ts';
export type { HomeRefresher, HomeStore, HomeViewer, ReleaseStore } from './ports.ts';
export { announceLifecycle, joinReleaseChannel, RELEASE_SUBCOMMANDS } from './slack/commands/release-commands.ts';
export { readingRelease, releaseFor } from './slack/commands/resolve.ts';
export { ROLE_SUBCOMMANDS } from './slack/commands/role-commands.ts';
export { publishHome } from './slack/events/app-home-opened.ts';
export { createReleaseCreatedMessenger } from './slack/gateways/created-message.ts';
export {
  createHomeRefresher,
  HOME_REFRESH_DELAY_MS,
  type RunningHomeRefresher,
} from './slack/gateways/home-refresher.ts';
export { releaseHomeActions } from './slack/home-actions.ts';
export { registerReleaseListeners } from './slack/register.ts';
export { createHomeStore } from './store/home-store.ts';
export { createReleaseStore, releaseQueries } from './store/release-store.ts';
export {
  actorsForRole,
  awayOn,
  awayToday,
  type RoleActor,
  whoMayActFor,
  whoMayActForAnyRole,
} from './usecases/acting-for.ts';
export {
  applyStatusChange,
  type ChangeStatusResult,
  changeReleaseStatus,
  whyMayNotChangeStatus,
} from './usecases/change-release-status.ts';
export {
  CREATED_RENDER_TIMER,
  loadCreatedMessage,
  runCreatedRender,
  scheduleCreatedRender,
} from './usecases/created-message.ts';
export { informedOfLifecycle } from './usecases/informed-of.ts';
export type { WaitingSource } from './usecases/release-overview.ts';
export { resolveRelease } from './usecases/resolve-release.ts';
export { endAbsence, setAbsence } from './usecases/set-absence.ts';
