import type { RespondFn } from '@slack/bolt';
import { fitMessage } from './views/limits.ts';
import { buildErrorMessage, type SlackMessage } from './views/message.ts';

/** Tells only the person who clicked what was wrong, leaving the message they clicked as it was. */
export async function respondProblem(respond: RespondFn, problem: string | SlackMessage): Promise<void> {
  const message = typeof problem === 'string' ? buildErrorMessage(problem) : problem;
  await respond({ response_type: 'ephemeral', replace_original: false, ...fitMessage(message) });
}
