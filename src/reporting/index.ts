/**
 * The reporting module's entry: what other modules and the composition root may use. Everything else in the folder is
 * the module's own; dependency-cruiser keeps it that way (`.dependency-cruiser.cjs`).
 */
export type { ReportingDeps } from './deps.ts';
export { REPORTING_SUBCOMMANDS } from './slack/commands/reporting-commands.ts';
