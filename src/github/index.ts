/**
 * The GitHub module's entry: signed webhooks from a linked repository become release facts through the pipeline
 * API's use cases. What other modules and the composition root may use.
 */
export type { GithubDeps } from './deps.ts';
export { createGithubWebhook, type GithubWebhook, WEBHOOK_PATH } from './http/webhook.ts';
export type { GithubMessenger, GithubStore } from './ports.ts';
export { GITHUB_SUBCOMMANDS } from './slack/commands/link-commands.ts';
export { createGithubMessenger } from './slack/gateways/github-messenger.ts';
export { versionsStatusSection } from './slack/status-section.ts';
export { createGithubStore } from './store/github-store.ts';
export { versionsRecordSection } from './usecases/github-contributions.ts';
