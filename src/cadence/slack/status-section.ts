import type { KnownBlock } from '@slack/types';
import type { Release } from '../../core/domain/release.ts';
import type { CadenceDeps } from '../deps.ts';
import { getReleaseSchedule } from '../usecases/cadence-config.ts';
import { buildScheduleStatusBlocks } from './views/schedule.ts';

/** `/release status`: the next scheduled standup and weekly review. */
export async function scheduleStatusSection(deps: CadenceDeps, release: Release): Promise<KnownBlock[]> {
  return buildScheduleStatusBlocks(await getReleaseSchedule(deps, release, 1));
}
