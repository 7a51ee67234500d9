import type { App } from '@slack/bolt';
import { ACTION_IDS } from '../../core/ids.ts';
import type { ReportingDeps } from '../deps.ts';
import { createExportRecordAction } from './home-actions.ts';

/** The reporting module's Slack surface beside its subcommands: the App Home's *Export*. */
export function registerReportingListeners(app: App, deps: ReportingDeps): void {
  app.action(ACTION_IDS.recordExport, createExportRecordAction(deps));
}
