import type { ApiDeps } from '../api/index.ts';
import type { GithubMessenger, GithubStore } from './ports.ts';

/**
 * What the GitHub module's use cases need: the pipeline API's (its use cases report what GitHub says), the links
 * and versions, and the messenger for the release thread.
 */
export type GithubDeps = ApiDeps & {
  store: { github: GithubStore };
  githubMessenger: GithubMessenger;
};
