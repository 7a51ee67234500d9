import type { KnownBlock } from '@slack/types';
import type { Release } from '../../domain/release.ts';
import { getReleaseSchedule } from '../../usecases/cadence-config.ts';
import type { Deps } from '../../usecases/deps.ts';
import { checklistReadiness } from '../../usecases/get-checklist-gate.ts';
import { listOpenEscalationsForRelease } from '../../usecases/list-escalations.ts';
import { openPollStates } from '../../usecases/poll-waiting.ts';
import { buildEscalationStatusBlocks } from '../views/escalation.ts';
import { buildPollStatusBlocks } from '../views/go-no-go-poll.ts';
import { section } from '../views/message.ts';
import { buildScheduleStatusBlocks } from '../views/schedule.ts';

/** One capability's part of `/release status`. */
export type StatusSection = (deps: Deps, release: Release) => KnownBlock[];

const openPolls: StatusSection = (deps, release) => buildPollStatusBlocks(openPollStates(deps, release.id));

const schedule: StatusSection = (deps, release) => buildScheduleStatusBlocks(getReleaseSchedule(deps, release, 1));

const checklist: StatusSection = (deps, release) => [section(checklistReadiness(deps, release.id).lines.join('\n'))];

const escalations: StatusSection = (deps, release) =>
  buildEscalationStatusBlocks(listOpenEscalationsForRelease(deps, release));

/** What `/release status` shows below the roles, in this order. */
export const STATUS_SECTIONS: StatusSection[] = [schedule, openPolls, checklist, escalations];

export function buildStatusSections(deps: Deps, release: Release): KnownBlock[] {
  return STATUS_SECTIONS.flatMap((build) => build(deps, release));
}
