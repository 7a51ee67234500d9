import { formatUtc, markdownText } from '../../core/domain/markdown.ts';
import type { Release } from '../../core/domain/release.ts';
import type { RecordSection } from '../../core/domain/reports.ts';
import type { GithubDeps } from '../deps.ts';

/** The exported record's "Versions (GitHub)" section: every tag GitHub published for the release. */
export async function versionsRecordSection(deps: GithubDeps, release: Release): Promise<RecordSection[]> {
  const versions = await deps.store.github.versionsOf(release.id);
  if (versions.length === 0) return [];
  return [
    {
      title: 'Versions (GitHub)',
      lines: versions.map(
        (v) =>
          `- ${formatUtc(v.at)} · ${markdownText(v.repo)} · ${markdownText(v.tag)}${v.url ? ` · ${markdownText(v.url)}` : ''}`,
      ),
    },
  ];
}
