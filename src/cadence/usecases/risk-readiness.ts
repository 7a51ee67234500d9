import type { ReadinessItem } from '../../core/contributions.ts';
import { moreThanShown, READINESS_TOP, shortenForReadiness } from '../../core/domain/readiness.ts';
import type { Release } from '../../core/domain/release.ts';
import type { CadenceDeps } from '../deps.ts';
import { byScore, HIGH_SCORE, riskScore } from '../domain/risk.ts';

/** The risk register (issue 4): the open risks' count, how many are high, and the top ones by score. */
export const riskReadinessProvider = async (deps: CadenceDeps, release: Release): Promise<ReadinessItem[]> => {
  const open = (await deps.store.risks.list(release.id)).filter((risk) => risk.status === 'open').sort(byScore);
  if (open.length === 0) return [{ ok: true, text: 'Risks: none open.' }];
  const high = open.filter((risk) => riskScore(risk) >= HIGH_SCORE).length;
  const top = open
    .slice(0, READINESS_TOP)
    .map((risk) => {
      const owner = risk.ownerId ? ` · <@${risk.ownerId}>` : '';
      return `\n   #${risk.id} ${shortenForReadiness(risk.title)} (score ${riskScore(risk)}${owner})`;
    })
    .join('');
  const count = `${open.length} open risk${open.length === 1 ? '' : 's'}`;
  return [
    {
      ok: false,
      text: `Risks: *${count}*${high > 0 ? `, ${high} high` : ''}. \`/release risks\`${top}${moreThanShown(open.length, READINESS_TOP)}`,
    },
  ];
};
