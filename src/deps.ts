import type { ApiDeps } from './api/index.ts';
import type { CadenceDeps } from './cadence/index.ts';
import type { GateDeps } from './gate/index.ts';
import type { GithubDeps } from './github/index.ts';
import type { PollsDeps } from './polls/index.ts';
import type { ReportingDeps } from './reporting/index.ts';

/** Every module's dependencies together: what the composition root builds and every handler receives. */
export type Deps = PollsDeps & CadenceDeps & ReportingDeps & GateDeps & ApiDeps & GithubDeps;

/** Every store of every module. */
export type Store = Deps['store'];
