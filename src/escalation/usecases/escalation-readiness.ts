import type { ReadinessItem } from '../../core/contributions.ts';
import { moreThanShown, READINESS_TOP, shortenForReadiness } from '../../core/domain/readiness.ts';
import type { Release } from '../../core/domain/release.ts';
import type { EscalationDeps } from '../deps.ts';
import { ESCALATION_CATEGORIES, levelLabel } from '../domain/levels.ts';
import { listOpenEscalationsForRelease } from './list-escalations.ts';

/** Escalations (issue 5): the release's unresolved escalations, oldest first, with their level and state. */
export const escalationReadinessProvider = async (deps: EscalationDeps, release: Release): Promise<ReadinessItem[]> => {
  const open = await listOpenEscalationsForRelease(deps, release);
  if (open.length === 0) return [{ ok: true, text: 'Escalations: none open.' }];
  const top = open
    .slice(0, READINESS_TOP)
    .map(({ escalation: e }) => {
      const category = e.category ? `${ESCALATION_CATEGORIES[e.category].label}, ` : '';
      return `\n   #${e.id} ${shortenForReadiness(e.summary)} (${category}${levelLabel(e.level)}, ${e.status})`;
    })
    .join('');
  const count = `${open.length} open escalation${open.length === 1 ? '' : 's'}`;
  return [
    {
      ok: false,
      text: `Escalations: *${count}*. \`/release escalations\`${top}${moreThanShown(open.length, READINESS_TOP)}`,
    },
  ];
};
