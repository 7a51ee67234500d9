import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { PgContext } from '../../../platform/store/postgres/context.ts';
import type { Poll, Vote } from '../../domain/go-no-go.ts';
import type { PollStore } from '../../ports.ts';
import { polls, pollVotes } from './schema.ts';

type PollRow = typeof polls.$inferSelect;

function toPoll(row: PollRow): Poll {
  return row;
}

function toVote(row: typeof pollVotes.$inferSelect): Vote {
  const { id: _id, onBehalfOf, ...vote } = row;
  return onBehalfOf ? { ...vote, onBehalfOf } : vote;
}

/** The SQLite poll store's twin (`../poll-store.ts`). Votes are append-only; every change bumps the version. */
export function createPostgresPollStore({ db }: PgContext): PollStore {
  const bump = async (id: number, patch: Partial<PollRow> = {}): Promise<Poll> => {
    const [row] = await db()
      .update(polls)
      .set({ ...patch, version: sql`${polls.version} + 1` })
      .where(eq(polls.id, id))
      .returning();
    if (!row) throw new Error(`poll ${id} does not exist`);
    return toPoll(row);
  };
  return {
    async insert(poll) {
      const [row] = await db()
        .insert(polls)
        .values({ ...poll, status: 'open', version: 1 })
        .returning();
      return toPoll(row!);
    },
    async findById(id) {
      const [row] = await db().select().from(polls).where(eq(polls.id, id));
      return row && toPoll(row);
    },
    async findOpen(releaseId, activity) {
      const [row] = await db()
        .select()
        .from(polls)
        .where(and(eq(polls.releaseId, releaseId), eq(polls.activity, activity), eq(polls.status, 'open')));
      return row && toPoll(row);
    },
    async listOpen(releaseId) {
      const rows = await db()
        .select()
        .from(polls)
        .where(and(eq(polls.releaseId, releaseId), eq(polls.status, 'open')))
        .orderBy(asc(polls.id));
      return rows.map(toPoll);
    },
    async listForRelease(releaseId) {
      const rows = await db().select().from(polls).where(eq(polls.releaseId, releaseId)).orderBy(asc(polls.id));
      return rows.map(toPoll);
    },
    async votes(pollId) {
      const rows = await db().select().from(pollVotes).where(eq(pollVotes.pollId, pollId)).orderBy(asc(pollVotes.id));
      return rows.map(toVote);
    },
    async latestVotes(pollId, roles) {
      if (roles.length === 0) return [];
      // One statement, not one per role at once: queries sent together on a transaction's one connection are
      // queued by pg, which warns that pg 9 will refuse them.
      const rows = await db()
        .selectDistinctOn([pollVotes.role])
        .from(pollVotes)
        .where(and(eq(pollVotes.pollId, pollId), inArray(pollVotes.role, roles)))
        .orderBy(pollVotes.role, desc(pollVotes.id));
      return rows.sort((a, b) => a.id - b.id).map(toVote);
    },
    async addVote(vote) {
      await db().insert(pollVotes).values(vote);
      return bump(vote.pollId);
    },
    setMessage(id, messageTs) {
      return bump(id, { messageTs });
    },
    markReminded(id, at) {
      return bump(id, { remindedAt: at });
    },
    async decide(id, decision) {
      const [row] = await db()
        .update(polls)
        .set({
          status: 'decided',
          decision: decision.side,
          decidedBy: decision.decidedBy,
          decidedAt: decision.decidedAt,
          rationale: decision.rationale,
          version: sql`${polls.version} + 1`,
        })
        .where(and(eq(polls.id, id), eq(polls.status, 'open')))
        .returning();
      return row && toPoll(row);
    },
  };
}
