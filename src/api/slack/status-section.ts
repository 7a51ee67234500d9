import type { KnownBlock } from '@slack/types';
import type { Release } from '../../core/domain/release.ts';
import { section } from '../../platform/slack/views/message.ts';
import type { ApiDeps } from '../deps.ts';
import { releaseDeployments } from '../usecases/api-contributions.ts';
import { buildDeploymentStatusLines } from './views/pipeline.ts';

/** `/release status`: the deployments a pipeline reported, latest per environment (nothing when there are none). */
export async function deploymentsStatusSection(deps: ApiDeps, release: Release): Promise<KnownBlock[]> {
  const text = buildDeploymentStatusLines(release, await releaseDeployments(deps, release));
  return text ? [section(text)] : [];
}
