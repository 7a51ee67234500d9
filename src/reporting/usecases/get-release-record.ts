import type { RecordSectionProvider } from '../../core/contributions.ts';
import type { Release } from '../../core/domain/release.ts';
import type { RecordSection } from '../../core/domain/reports.ts';
import { checklistOf } from '../../governance/index.ts';
import type { ReportingDeps } from '../deps.ts';
import { peopleIn, type ReleaseRecord } from '../domain/release-record.ts';

/** Everything the release's exported record is built from, read at one instant. */
export async function getReleaseRecord(
  deps: ReportingDeps,
  input: { release: Release; actorId: string },
  providers: readonly RecordSectionProvider[] = deps.contributions.record,
): Promise<ReleaseRecord> {
  const { store } = deps;
  // One read transaction, so every part of the record shows the same state; the names are asked of Slack after it.
  const record = await store.read(async () => {
    const release = (await store.releases.findById(input.release.id)) ?? input.release;
    const sections: RecordSection[] = [];
    for (const provide of providers) sections.push(...(await provide(release)));
    return {
      release,
      generatedAt: deps.clock.now(),
      generatedBy: input.actorId,
      assignments: await store.releases.assignments(release.id),
      decisions: await store.decisions.forRelease(release.id),
      conflicts: await store.governance.conflicts(release.id),
      checklist: await checklistOf(store, release.id),
      checklistTicks: await store.governance.checklistHistory(release.id),
      handoffs: await store.governance.handoffs(release.id),
      audit: await store.audit.forRelease(release.id),
      sections,
    };
  });
  const people: Record<string, string> = {};
  for (const id of peopleIn(record)) {
    try {
      people[id] = (await deps.users.lookup(id))?.name ?? id;
    } catch (error) {
      deps.logger.warn(`could not look up ${id} for the exported record`, error);
      people[id] = id;
    }
  }
  return { ...record, people };
}
