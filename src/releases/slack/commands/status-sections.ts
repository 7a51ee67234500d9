import type { KnownBlock } from '@slack/types';
import { buildScheduleStatusBlocks } from '../../../cadence/slack/views/schedule.ts';
import { getReleaseSchedule } from '../../../cadence/usecases/cadence-config.ts';
import type { Deps } from '../../../core/deps.ts';
import type { Release } from '../../../core/domain/release.ts';
import { buildEscalationStatusBlocks } from '../../../escalation/slack/views/escalation.ts';
import { listOpenEscalationsForRelease } from '../../../escalation/usecases/list-escalations.ts';
import { checklistReadiness } from '../../../governance/usecases/get-checklist-gate.ts';
import { section } from '../../../platform/slack/views/message.ts';
import { buildPollStatusBlocks } from '../../../polls/slack/views/go-no-go-poll.ts';
import { openPollStates } from '../../../polls/usecases/poll-waiting.ts';

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
