import type { CoreDeps } from '../core/deps.ts';
import type { ReleaseStore } from './ports.ts';

/** What the releases module's use cases need: the kernel and the release store. */
export type ReleasesDeps = CoreDeps & { store: { releases: ReleaseStore } };
