import type { CoreDeps } from '../core/deps.ts';
import type { ReleaseStore, RolesCardMessenger } from './ports.ts';

/** What the releases module's use cases need: the kernel and the release store. */
export type ReleasesDeps = CoreDeps & {
  store: { releases: ReleaseStore };
  /** The roles card; without it (use-case tests) roles change with no card to keep. */
  rolesCard?: RolesCardMessenger;
};
