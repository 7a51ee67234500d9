import type { KnownBlock } from '@slack/types';
import type { Release } from '../../core/domain/release.ts';
import type { PollsDeps } from '../deps.ts';
import { openPollStates } from '../usecases/poll-waiting.ts';
import { buildPollStatusBlocks } from './views/go-no-go-poll.ts';

/** `/release status`: the open go/no-go and rollback polls and who has voted. */
export async function pollStatusSection(deps: PollsDeps, release: Release): Promise<KnownBlock[]> {
  return buildPollStatusBlocks(await openPollStates(deps, release.id));
}
