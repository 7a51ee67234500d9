/**
 * The polls module's entry: what other modules and the composition root may use. Everything else in the folder is
 * the module's own; dependency-cruiser keeps it that way (`.dependency-cruiser.cjs`).
 */
export type { PollsDeps } from './deps.ts';
export { createOpenPollButtonHandler, type OpenPollButton } from './slack/actions/open-poll-button.ts';
export { POLL_SUBCOMMANDS } from './slack/commands/poll-commands.ts';
export { createSlackPollMessenger } from './slack/gateways/poll-messenger.ts';
export { pollHomeActions } from './slack/home-actions.ts';
export { registerPollListeners } from './slack/register.ts';
export { pollStatusSection } from './slack/status-section.ts';
export { createPollStore } from './store/poll-store.ts';
export { openPoll, POLL_DEADLINE_TIMER } from './usecases/open-poll.ts';
export { refreshReleasePolls } from './usecases/poll-readiness.ts';
export { POLL_RENDER_TIMER, runPollRender, schedulePollRender } from './usecases/poll-render.ts';
export { votesMetricsSource, votesRecordSection } from './usecases/poll-reporting.ts';
export { getPollView } from './usecases/poll-view.ts';
export { pollWaiting } from './usecases/poll-waiting.ts';
export { remindPollDeadline } from './usecases/remind-poll-deadline.ts';
