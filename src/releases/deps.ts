import type { CoreDeps } from '../core/deps.ts';
import type { HomeRefresher, HomeStore, ReleaseMessages, ReleaseStore } from './ports.ts';

/**
 * What the releases module's use cases need: the kernel, the release store, and who has an App Home (`homes`), and
 * the refresher every module tells when something a Home shows has changed (`homeRefresh`).
 */
export type ReleasesDeps = CoreDeps & {
  store: { releases: ReleaseStore; homes: HomeStore };
  homeRefresh: HomeRefresher;
  /** Keeps the "release created" message true; without it (use-case tests) roles change with no message to keep. */
  releaseMessages?: ReleaseMessages;
};
