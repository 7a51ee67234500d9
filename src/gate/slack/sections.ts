import type { KnownBlock } from '@slack/types';
import type { PollRef } from '../../core/contributions.ts';
import type { Release } from '../../core/domain/release.ts';
import type { GateDeps } from '../deps.ts';
import { gateForGoPoll, gateStatus } from '../usecases/gate-contributions.ts';
import { buildGateStatusBlocks, buildGoPollSection } from './views/gate.ts';

/** `/release status`: the deployment gate and what holds it, or how a shipped release got past it. */
export async function gateStatusSection(deps: GateDeps, release: Release): Promise<KnownBlock[]> {
  const { gate, emergency } = await gateStatus(deps, release);
  return buildGateStatusBlocks({ release, gate, emergency });
}

/** On the go/no-go poll whose Go is in force: "needs re-confirmation" with the two ways on, or "re-confirmed". */
export async function goPollSection(deps: GateDeps, poll: PollRef): Promise<KnownBlock[]> {
  const found = await gateForGoPoll(deps, poll);
  return found ? buildGoPollSection(found) : [];
}
