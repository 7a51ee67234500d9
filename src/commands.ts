import { API_SUBCOMMANDS } from './api/index.ts';
import { CADENCE_SUBCOMMANDS } from './cadence/index.ts';
import type { Deps } from './deps.ts';
import { ESCALATION_SUBCOMMANDS } from './escalation/index.ts';
import { GATE_SUBCOMMANDS } from './gate/index.ts';
import { GITHUB_SUBCOMMANDS } from './github/index.ts';
import { GOVERNANCE_SUBCOMMANDS } from './governance/index.ts';
import type { Subcommand } from './platform/slack/commands/types.ts';
import { POLL_SUBCOMMANDS } from './polls/index.ts';
import { RELEASE_SUBCOMMANDS, ROLE_SUBCOMMANDS } from './releases/index.ts';
import { REPORTING_SUBCOMMANDS } from './reporting/index.ts';

/** Every `/release` subcommand, in the order help lists them. Each module contributes its own list. */
export const SUBCOMMANDS: readonly Subcommand<Deps>[] = [
  ...RELEASE_SUBCOMMANDS,
  ...GATE_SUBCOMMANDS,
  ...ROLE_SUBCOMMANDS,
  ...CADENCE_SUBCOMMANDS,
  ...POLL_SUBCOMMANDS,
  ...ESCALATION_SUBCOMMANDS,
  ...GOVERNANCE_SUBCOMMANDS,
  ...REPORTING_SUBCOMMANDS,
  ...API_SUBCOMMANDS,
  ...GITHUB_SUBCOMMANDS,
];
