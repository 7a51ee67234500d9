import type { CoreDeps } from '../core/deps.ts';
import type { ReleaseMessages, ReleaseStore } from './ports.ts';

/** What the releases module's use cases need: the kernel and the release store. */
export type ReleasesDeps = CoreDeps & {
  store: { releases: ReleaseStore };
  /** Keeps the "release created" message true; without it (use-case tests) roles change with no message to keep. */
  releaseMessages?: ReleaseMessages;
};
