import { CADENCE_SUBCOMMANDS } from './cadence/slack/commands/cadence-commands.ts';
import { ESCALATION_SUBCOMMANDS } from './escalation/slack/commands/escalation-commands.ts';
import { GOVERNANCE_SUBCOMMANDS } from './governance/slack/commands/governance-commands.ts';
import type { Subcommand } from './platform/slack/commands/types.ts';
import { POLL_SUBCOMMANDS } from './polls/slack/commands/poll-commands.ts';
import { RELEASE_SUBCOMMANDS } from './releases/slack/commands/release-commands.ts';
import { ROLE_SUBCOMMANDS } from './releases/slack/commands/role-commands.ts';

/** Every `/release` subcommand, in the order help lists them. Each capability contributes its own list. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  ...RELEASE_SUBCOMMANDS,
  ...ROLE_SUBCOMMANDS,
  ...CADENCE_SUBCOMMANDS,
  ...POLL_SUBCOMMANDS,
  ...ESCALATION_SUBCOMMANDS,
  ...GOVERNANCE_SUBCOMMANDS,
];
