import type { CoreDeps } from '../core/deps.ts';
import type { HomeRefresher, HomeStore, ReleaseStore } from './ports.ts';

/**
 * What the releases module's use cases need: the kernel, the release store, and who has an App Home (`homes`), and
 * the refresher every module tells when something a Home shows has changed (`homeRefresh`).
 */
export type ReleasesDeps = CoreDeps & {
  store: { releases: ReleaseStore; homes: HomeStore };
  homeRefresh: HomeRefresher;
};
