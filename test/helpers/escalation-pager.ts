import type { PostedMessage } from '../../src/core/ports.ts';
import type {
  EscalationCard,
  EscalationMessage,
  EscalationPager,
  UnreachableLevel,
} from '../../src/escalation/ports.ts';

export type PagerCall =
  | { kind: 'postLevel'; channelId: string; card: EscalationCard; ts: string; key: string }
  | { kind: 'postNotice'; channelId: string; card: EscalationCard; ts: string; link: PostedMessage; key: string }
  | { kind: 'postUnreachable'; channelId: string; problem: UnreachableLevel; ts: string; key: string }
  | { kind: 'postReping'; channelId: string; card: EscalationCard; ts: string; root: PostedMessage; key: string }
  | { kind: 'postDirect'; userId: string; card: EscalationCard; ts: string; hint: string; key: string }
  | { kind: 'update'; message: EscalationMessage; card: EscalationCard };

/**
 * A fake EscalationPager that records every call and hands out increasing message timestamps. Like the real one it
 * posts a key once: posting a key again returns the first message.
 */
export function recordingEscalationPager(): EscalationPager & {
  calls: PagerCall[];
  posts: (channelId?: string) => Array<Extract<PagerCall, { kind: 'postLevel' }>>;
  /** The next post (or update) fails: a string is a plain error (may be retried), a `PostFailed` says what Slack said. */
  failNext: (error: string | Error) => void;
} {
  const calls: PagerCall[] = [];
  let seq = 0;
  let failure: string | Error | undefined;
  const nextTs = () => `1700000000.${String(++seq).padStart(6, '0')}`;
  const byKey = new Map<string, PostedMessage>();
  const maybeFail = () => {
    if (failure) {
      const error = failure;
      failure = undefined;
      throw typeof error === 'string' ? new Error(error) : error;
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
    async postLevel(channelId, card, key) {
      const known = byKey.get(key);
      if (known) return known;
      maybeFail();
      const ts = nextTs();
      calls.push({ kind: 'postLevel', channelId, card, ts, key });
      byKey.set(key, { channelId, ts });
      return { channelId, ts };
    },
    async postNotice(channelId, card, link, key) {
      const known = byKey.get(key);
      if (known) return known;
      maybeFail();
      const ts = nextTs();
      calls.push({ kind: 'postNotice', channelId, card, ts, link, key });
      byKey.set(key, { channelId, ts });
      return { channelId, ts };
    },
    async postReping(channelId, card, root, key) {
      const known = byKey.get(key);
      if (known) return known;
      maybeFail();
      const ts = nextTs();
      calls.push({ kind: 'postReping', channelId, card, ts, root, key });
      byKey.set(key, { channelId, ts });
      return { channelId, ts };
    },
    async postDirect(userId, card, _levelMessage, hint, key) {
      const known = byKey.get(key);
      if (known) return known;
      const ts = nextTs();
      const channelId = `D${userId.slice(1)}`;
      calls.push({ kind: 'postDirect', userId, card, ts, hint, key });
      byKey.set(key, { channelId, ts });
      return { channelId, ts };
    },
    async postUnreachable(channelId, problem, key) {
      const known = byKey.get(key);
      if (known) return known;
      const ts = nextTs();
      calls.push({ kind: 'postUnreachable', channelId, problem, ts, key });
      byKey.set(key, { channelId, ts });
      return { channelId, ts };
    },
    async update(message, card) {
      maybeFail();
      calls.push({ kind: 'update', message, card });
    },
  };
}
