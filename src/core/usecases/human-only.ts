import type { CoreDeps } from '../deps.ts';
import { whyNotHuman } from '../domain/people.ts';

/**
 * The human-only rule for every act of judgement (votes, decisions, sign-offs, agreements, ticks, overrides): why
 * `userId` may not `act`, or undefined for a person. A bot or app user may hold a role other than the Release
 * Manager and report (standup answers, risks, notes); it never judges. An account the directory cannot find is
 * refused too: nobody could answer for it. Looked up outside any transaction (it may ask Slack).
 */
export async function whyNotAPerson(
  deps: Pick<CoreDeps, 'users'>,
  userId: string,
  act: string,
): Promise<string | undefined> {
  const person = await deps.users.lookup(userId).catch(() => undefined);
  const why = person ? whyNotHuman(person) : `<@${userId}> is not an account I can look up`;
  if (!why) return undefined;
  return `${why}, and only a person may ${act}. Bots and apps may hold a role and report (standups, risks, notes), but not judge.`;
}
