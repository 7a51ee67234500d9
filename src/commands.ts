import { CADENCE_SUBCOMMANDS } from './cadence-commands.ts';
import { ESCALATION_SUBCOMMANDS } from './escalation-commands.ts';
import { GOVERNANCE_SUBCOMMANDS } from './governance-commands.ts';
import { POLL_SUBCOMMANDS } from './poll-commands.ts';
import { RELEASE_SUBCOMMANDS } from './release-commands.ts';
import { ROLE_SUBCOMMANDS } from './role-commands.ts';
import type { Subcommand } from './types.ts';

/** Every `/release` subcommand, in the order help lists them. Each capability contributes its own list. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  ...RELEASE_SUBCOMMANDS,
  ...ROLE_SUBCOMMANDS,
  ...CADENCE_SUBCOMMANDS,
  ...POLL_SUBCOMMANDS,
  ...ESCALATION_SUBCOMMANDS,
  ...GOVERNANCE_SUBCOMMANDS,
];
