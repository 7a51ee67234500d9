import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/store/database.ts';
import { promised, type RunOnConnection } from '../../platform/store/sqlite-transactions.ts';
import type { Poll, Vote } from '../domain/go-no-go.ts';
import type { PollStore } from '../ports.ts';
import { polls, pollVotes } from './schema.ts';

type PollRow = typeof polls.$inferSelect;

function toPoll(row: PollRow): Poll {
  return row;
}

function toVote(row: typeof pollVotes.$inferSelect): Vote {
  const { id: _id, onBehalfOf, ...vote } = row;
  return onBehalfOf ? { ...vote, onBehalfOf } : vote;
}

export function createPollStore(db: Db, run: RunOnConnection): PollStore {
  const bump = (id: number, patch: Partial<PollRow> = {}): Poll => {
    const row =
      Object.keys(patch).length === 0
        ? bumpVersion.get({ id })
        : db
            .update(polls)
            .set({ ...patch, version: sql`${polls.version} + 1` })
            .where(eq(polls.id, id))
            .returning()
            .get();
    if (!row) throw new Error(`poll ${id} does not exist`);
    return toPoll(row);
  };
  // The queries every click runs, prepared once (building a drizzle query cost more than running it).
  const byId = db
    .select()
    .from(polls)
    .where(eq(polls.id, sql.placeholder('id')))
    .prepare();
  const bumpVersion = db
    .update(polls)
    .set({ version: sql`${polls.version} + 1` })
    .where(eq(polls.id, sql.placeholder('id')))
    .returning()
    .prepare();
  const insertVote = db
    .insert(pollVotes)
    .values({
      pollId: sql.placeholder('pollId'),
      role: sql.placeholder('role'),
      voterId: sql.placeholder('voterId'),
      onBehalfOf: sql.placeholder('onBehalfOf'),
      value: sql.placeholder('value'),
      note: sql.placeholder('note'),
      at: sql.placeholder('at'),
    })
    .prepare();
  // The latest vote of each role asked for, in one statement: for each role (a JSON array, walked by json_each), one
  // seek down poll_votes_role (poll_id, role, id) from its newest end. One statement instead of one per role is most of
  // what reading a poll's tally costs a click.
  const latestPerRole = db
    .select()
    .from(pollVotes)
    .where(
      sql`${pollVotes.id} in (select (select latest.id from ${pollVotes} latest where latest.poll_id = ${sql.placeholder('pollId')} and latest.role = asked.value order by latest.id desc limit 1) from json_each(${sql.placeholder('roles')}) asked)`,
    )
    .orderBy(pollVotes.id)
    .prepare();
  return promised<PollStore>(run, {
    insert(poll) {
      return toPoll(
        db
          .insert(polls)
          .values({ ...poll, status: 'open', version: 1 })
          .returning()
          .get(),
      );
    },
    findById(id) {
      const row = byId.get({ id });
      return row && toPoll(row);
    },
    findOpen(releaseId, activity) {
      const row = db
        .select()
        .from(polls)
        .where(and(eq(polls.releaseId, releaseId), eq(polls.activity, activity), eq(polls.status, 'open')))
        .get();
      return row && toPoll(row);
    },
    listOpen(releaseId) {
      return db
        .select()
        .from(polls)
        .where(and(eq(polls.releaseId, releaseId), eq(polls.status, 'open')))
        .orderBy(asc(polls.id))
        .all()
        .map(toPoll);
    },
    listForRelease(releaseId) {
      return db.select().from(polls).where(eq(polls.releaseId, releaseId)).orderBy(asc(polls.id)).all().map(toPoll);
    },
    votes(pollId) {
      return db
        .select()
        .from(pollVotes)
        .where(eq(pollVotes.pollId, pollId))
        .orderBy(asc(pollVotes.id))
        .all()
        .map(toVote);
    },
    latestVotes(pollId, roles) {
      if (roles.length === 0) return [];
      return latestPerRole.all({ pollId, roles: JSON.stringify(roles) }).map(toVote);
    },
    addVote(vote) {
      insertVote.run({ ...vote, onBehalfOf: vote.onBehalfOf ?? null, note: vote.note ?? null });
      return bump(vote.pollId);
    },
    setMessage(id, messageTs) {
      return bump(id, { messageTs });
    },
    markReminded(id, at) {
      return bump(id, { remindedAt: at });
    },
    decide(id, decision) {
      const row = db
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
        .returning()
        .get();
      return row && toPoll(row);
    },
  });
}
