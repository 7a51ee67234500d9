import { eq } from 'drizzle-orm';
import type { PgContext } from '../../../platform/store/postgres/context.ts';
import type { HomeStore } from '../../ports.ts';
import { toHomeViewer } from '../home-store.ts';
import { homeViewers } from './schema.ts';

/** The SQLite home store's twin (`../home-store.ts`): the same rows and answers. */
export function createPostgresHomeStore({ db }: PgContext): HomeStore {
  return {
    async remember(viewer) {
      const set = { shown: JSON.stringify(viewer.shown), publishedAt: viewer.publishedAt };
      await db()
        .insert(homeViewers)
        .values({ teamId: viewer.teamId, userId: viewer.userId, ...set })
        .onConflictDoUpdate({ target: [homeViewers.teamId, homeViewers.userId], set });
    },
    async viewers(teamId) {
      const rows = await db().select().from(homeViewers).where(eq(homeViewers.teamId, teamId));
      return rows.map(toHomeViewer);
    },
  };
}
