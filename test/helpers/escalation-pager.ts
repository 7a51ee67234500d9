import type { PostedMessage } from '../../src/core/ports.ts';
import type { EscalationCard, EscalationMessage, EscalationPager } from '../../src/escalation/ports.ts';

export type PagerCall =
  | { kind: 'postLevel'; channelId: string; card: EscalationCard; ts: string }
  | { kind: 'postNotice'; channelId: string; card: EscalationCard; ts: string; link: PostedMessage }
  | { kind: 'update'; message: EscalationMessage; card: EscalationCard };

/** A fake EscalationPager that records every call and hands out increasing message timestamps. */
export function recordingEscalationPager(): EscalationPager & {
  calls: PagerCall[];
  posts: (channelId?: string) => Array<Extract<PagerCall, { kind: 'postLevel' }>>;
  failNext: (error: string) => void;
} {
  const calls: PagerCall[] = [];
  let seq = 0;
  let failure: string | undefined;
  const nextTs = () => `1700000000.${String(++seq).padStart(6, '0')}`;
  const maybeFail = () => {
    if (failure) {
      const error = failure;
      failure = undefined;
      throw new Error(error);
    }
  };
  return {
    calls,
    posts: (channelId) =>
      calls.filter(
        (c): c is Extract<PagerCall, { kind: 'postLevel' }> =>
          c.kind === 'postLevel' && (channelId === undefined || c.channelId === channelId),
      ),
    failNext(error) {
      failure = error;
    },
    async postLevel(channelId, card) {
      maybeFail();
      const ts = nextTs();
      calls.push({ kind: 'postLevel', channelId, card, ts });
      return { channelId, ts };
    },
    async postNotice(channelId, card, link) {
      maybeFail();
      const ts = nextTs();
      calls.push({ kind: 'postNotice', channelId, card, ts, link });
      return { channelId, ts };
    },
    async update(message, card) {
      maybeFail();
      calls.push({ kind: 'update', message, card });
    },
  };
}
