import { and, asc, eq } from 'drizzle-orm';
import type { PgContext } from '../../../platform/store/postgres/context.ts';
import type { CheckMapping, GithubLink } from '../../domain/links.ts';
import type { GithubStore } from '../../ports.ts';
import { githubLinks, githubVersions } from './schema.ts';

type LinkRow = typeof githubLinks.$inferSelect;

// The row mapping repeats the SQLite store's (`../github-store.ts`): the rows are the same shape.
function toLink(row: LinkRow): GithubLink {
  return { ...row, checks: JSON.parse(row.checks) as CheckMapping[] };
}

/** The SQLite GitHub store's twin (`../github-store.ts`): the same rows, order and answers. */
export function createPostgresGithubStore({ db }: PgContext): GithubStore {
  return {
    async linkOf(repo) {
      const [row] = await db().select().from(githubLinks).where(eq(githubLinks.repo, repo));
      return row ? toLink(row) : undefined;
    },
    async linksOfChannel(teamId, channelId) {
      const rows = await db()
        .select()
        .from(githubLinks)
        .where(and(eq(githubLinks.teamId, teamId), eq(githubLinks.channelId, channelId)))
        .orderBy(asc(githubLinks.id));
      return rows.map(toLink);
    },
    async saveLink(link) {
      const values = { ...link, checks: JSON.stringify(link.checks) };
      const { repo: _repo, ...rest } = values;
      const [row] = await db()
        .insert(githubLinks)
        .values(values)
        .onConflictDoUpdate({ target: githubLinks.repo, set: rest })
        .returning();
      return toLink(row!);
    },
    async deleteLink(id) {
      await db().delete(githubLinks).where(eq(githubLinks.id, id));
    },
    async recordVersion(version) {
      const result = await db().insert(githubVersions).values(version).onConflictDoNothing();
      return (result.rowCount ?? 0) > 0;
    },
    async versionsOf(releaseId) {
      return db()
        .select()
        .from(githubVersions)
        .where(eq(githubVersions.releaseId, releaseId))
        .orderBy(asc(githubVersions.id));
    },
  };
}
