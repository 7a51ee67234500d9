import { standupRecordSection } from '../../cadence/usecases/standup-reporting.ts';
import type { Deps } from '../../core/deps.ts';
import type { Release } from '../../core/domain/release.ts';
import { escalationRecordSection } from '../../escalation/usecases/escalation-reporting.ts';
import { checklistOf } from '../../governance/usecases/get-checklist.ts';
import { votesRecordSection } from '../../polls/usecases/poll-reporting.ts';
import type { RecordSection, ReleaseRecord } from '../domain/release-record.ts';

/** A capability's own section of the exported record (votes, escalations, standup summaries). */
export type RecordSectionProvider = (deps: Deps, release: Release) => RecordSection[];

export const RECORD_SECTIONS: RecordSectionProvider[] = [
  votesRecordSection,
  escalationRecordSection,
  standupRecordSection,
];

/** Everything the release's exported record is built from, read at one instant. */
export function getReleaseRecord(
  deps: Deps,
  input: { release: Release; actorId: string },
  providers: readonly RecordSectionProvider[] = RECORD_SECTIONS,
): ReleaseRecord {
  const { store } = deps;
  const release = store.releases.findById(input.release.id) ?? input.release;
  return {
    release,
    generatedAt: deps.clock.now(),
    generatedBy: input.actorId,
    assignments: store.releases.assignments(release.id),
    decisions: store.decisions.forRelease(release.id),
    conflicts: store.governance.conflicts(release.id),
    checklist: checklistOf(store, release.id),
    checklistTicks: store.governance.checklistHistory(release.id),
    handoffs: store.governance.handoffs(release.id),
    audit: store.audit.forRelease(release.id),
    sections: providers.flatMap((provide) => provide(deps, release)),
  };
}
