/**
 * The database is held by someone else (another process's transaction, a `sqlite3` shell) for longer than a request
 * may wait. Nothing was written; the person is told to try again instead of waiting past Slack's 3-second limit.
 */
export class StoreBusyError extends Error {
  constructor(message = 'the database is busy', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreBusyError';
  }
}

export function isStoreBusy(error: unknown): boolean {
  return error instanceof StoreBusyError || (error instanceof Error && error.cause instanceof StoreBusyError);
}

/** What the person reads when their request met a busy database. */
export const STORE_BUSY_MESSAGE =
  'The database is busy right now, so nothing was changed. Please try again in a moment.';
