import type { ReadinessItem } from '../../core/contributions.ts';
import { shortenForReadiness } from '../../core/domain/readiness.ts';
import type { Release } from '../../core/domain/release.ts';
import { ROLE_LABELS } from '../../core/domain/roles.ts';
import type { GovernanceDeps } from '../deps.ts';
import { getChecklistGate } from './get-checklist-gate.ts';

/**
 * The release checklist (issue 6): all ticked, or the open items with their owner role, and whether the Release
 * Manager's override already covers them. Go is gated on this (see decide-poll).
 */
export const checklistReadinessProvider = async (deps: GovernanceDeps, release: Release): Promise<ReadinessItem[]> => {
  const gate = await getChecklistGate(deps, release.id);
  if (gate.total === 0) return [];
  if (gate.canGoWithoutOverride) return [{ ok: true, text: `Checklist: all ${gate.total} items ticked.` }];
  const open = gate.open
    .map((item) => `${item.label} (${ROLE_LABELS[item.owner]}${gate.overridden[item.key] ? ', overridden' : ''})`)
    .join(', ');
  const head = `Checklist: *${gate.open.length} of ${gate.total} items open*: ${open}.`;
  const tail =
    gate.coveredByOverride && gate.override
      ? `\n   Go with these items open was accepted by <@${gate.override.decidedBy}>: “${shortenForReadiness(gate.override.rationale ?? '')}”`
      : '\n   Go needs every item ticked, or the Release Manager’s override reason (asked when deciding Go).';
  return [{ ok: false, text: head + tail }];
};
