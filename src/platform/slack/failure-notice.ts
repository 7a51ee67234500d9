import type { AnyMiddlewareArgs } from '@slack/bolt';
import { isStoreBusy, STORE_BUSY_MESSAGE } from '../../core/store-busy.ts';
import { buildErrorMessage } from './views/message.ts';

const FAILED = 'Something went wrong on my side. Please try again.';

type Args = AnyMiddlewareArgs & {
  ack?: (response?: unknown) => Promise<void>;
  respond?: (message: Record<string, unknown>) => Promise<unknown>;
};

/** The first input block of a submitted view: where an error can be shown under a field. */
function firstInputBlock(body: unknown): string | undefined {
  const blocks = (body as { view?: { blocks?: Array<{ type?: string; block_id?: string }> } }).view?.blocks ?? [];
  return blocks.find((b) => b.type === 'input' && typeof b.block_id === 'string')?.block_id;
}

/**
 * Tells the person whose request a listener failed on: under a field of the form they submitted (so it stays open),
 * or privately through the response URL. The receiver ignores an ack that comes after the listener's own.
 */
export async function failureNotice(args: Args, error: unknown): Promise<void> {
  const text = isStoreBusy(error) ? STORE_BUSY_MESSAGE : FAILED;
  const body = args.body as { type?: string };
  if (body.type === 'view_submission') {
    const block = firstInputBlock(body);
    await args.ack?.(block ? { response_action: 'errors', errors: { [block]: text } } : undefined);
    return;
  }
  await args.ack?.();
  if (args.respond) {
    await args.respond({ response_type: 'ephemeral', replace_original: false, ...buildErrorMessage(text) });
  }
}
