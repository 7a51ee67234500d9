import type { ReleasesDeps } from '../releases/index.ts';
import type { DecisionStore, GovernanceStore } from './ports.ts';

/** What the governance module's use cases need: releases, and the decision log and governance stores. */
export type GovernanceDeps = ReleasesDeps & { store: { decisions: DecisionStore; governance: GovernanceStore } };
