/**
 * A chat post that, as far as the bot can tell, did not happen. `code` is the chat service's reason
 * (`not_in_channel`, `internal_error`, …) or what went wrong on the way (`no_answer`, `in_flight`); `retryable` when
 * trying again later may work (a lost answer, a rate limit, another try holding the post), false when the service
 * refused it and would refuse it again.
 */
export class PostFailed extends Error {
  override readonly name = 'PostFailed';
  readonly code: string;
  readonly retryable: boolean;
  readonly channelId: string;
  /** For `in_flight`: when the other try's hold on the post runs out (trying before then is pointless). */
  readonly notBefore: Date | undefined;

  constructor(
    code: string,
    retryable: boolean,
    channelId: string,
    options?: { cause?: unknown; notBefore?: Date | undefined },
  ) {
    super(`could not post in ${channelId}: ${code}`, options);
    this.code = code;
    this.retryable = retryable;
    this.channelId = channelId;
    this.notBefore = options?.notBefore;
  }

  /** Another try holds the post right now (it may be posting it): not a failure of the chat service. */
  get inFlight(): boolean {
    return this.code === 'in_flight';
  }

  /** The bot must be invited to the channel (only a person in it can do that). */
  get needsInvite(): boolean {
    return this.code === 'not_in_channel';
  }
}

/** What a failure to post says, as a short reason for people (the chat service's code, or the error's message). */
export function postFailureCode(error: unknown): { code: string; retryable: boolean; needsInvite: boolean } {
  if (error instanceof PostFailed)
    return { code: error.code, retryable: error.retryable, needsInvite: error.needsInvite };
  return { code: error instanceof Error ? error.message : String(error), retryable: true, needsInvite: false };
}
