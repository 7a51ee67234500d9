import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/store/database.ts';
import { promised, type RunOnConnection, type Synchronous } from '../../platform/store/sqlite-transactions.ts';
import type { HomeStore, HomeViewer } from '../ports.ts';
import { homeViewers } from './schema.ts';

export function toHomeViewer(row: typeof homeViewers.$inferSelect): HomeViewer {
  const shown = JSON.parse(row.shown) as unknown;
  return {
    teamId: row.teamId,
    userId: row.userId,
    shown: Array.isArray(shown) ? shown.filter((id): id is number => Number.isInteger(id)) : [],
    publishedAt: row.publishedAt,
  };
}

export function createHomeStore(db: Db, run: RunOnConnection): HomeStore {
  const queries: Synchronous<HomeStore> = {
    remember(viewer) {
      const set = { shown: JSON.stringify(viewer.shown), publishedAt: viewer.publishedAt };
      db.insert(homeViewers)
        .values({ teamId: viewer.teamId, userId: viewer.userId, ...set })
        .onConflictDoUpdate({ target: [homeViewers.teamId, homeViewers.userId], set })
        .run();
    },
    viewers(teamId) {
      return db.select().from(homeViewers).where(eq(homeViewers.teamId, teamId)).all().map(toHomeViewer);
    },
  };
  return promised<HomeStore>(run, queries);
}
