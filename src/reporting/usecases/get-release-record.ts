import type { RecordSectionProvider } from '../../core/contributions.ts';
import type { Release } from '../../core/domain/release.ts';
import { checklistOf } from '../../governance/index.ts';
import type { ReportingDeps } from '../deps.ts';
import type { ReleaseRecord } from '../domain/release-record.ts';

/** Everything the release's exported record is built from, read at one instant. */
export function getReleaseRecord(
  deps: ReportingDeps,
  input: { release: Release; actorId: string },
  providers: readonly RecordSectionProvider[] = deps.contributions.record,
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
    sections: providers.flatMap((provide) => provide(release)),
  };
}
