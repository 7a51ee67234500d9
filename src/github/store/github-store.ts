import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/store/database.ts';
import { promised, type RunOnConnection } from '../../platform/store/sqlite-transactions.ts';
import type { CheckMapping, GithubLink, NewGithubLink } from '../domain/links.ts';
import type { GithubStore } from '../ports.ts';
import { githubLinks, githubVersions } from './schema.ts';

type LinkRow = typeof githubLinks.$inferSelect;

export function toLink(row: LinkRow): GithubLink {
  return { ...row, checks: JSON.parse(row.checks) as CheckMapping[] };
}

export function linkColumns(link: NewGithubLink) {
  return { ...link, checks: JSON.stringify(link.checks) };
}

export function createGithubStore(db: Db, run: RunOnConnection): GithubStore {
  return promised<GithubStore>(run, {
    linkOf(repo) {
      const row = db.select().from(githubLinks).where(eq(githubLinks.repo, repo)).get();
      return row ? toLink(row) : undefined;
    },
    linksOfChannel(teamId, channelId) {
      return db
        .select()
        .from(githubLinks)
        .where(and(eq(githubLinks.teamId, teamId), eq(githubLinks.channelId, channelId)))
        .orderBy(asc(githubLinks.id))
        .all()
        .map(toLink);
    },
    saveLink(link) {
      const values = linkColumns(link);
      const { repo: _repo, ...rest } = values;
      return toLink(
        db
          .insert(githubLinks)
          .values(values)
          .onConflictDoUpdate({ target: githubLinks.repo, set: rest })
          .returning()
          .get(),
      );
    },
    deleteLink(id) {
      db.delete(githubLinks).where(eq(githubLinks.id, id)).run();
    },
    recordVersion(version) {
      return db.insert(githubVersions).values(version).onConflictDoNothing().run().changes > 0;
    },
    versionsOf(releaseId) {
      return db
        .select()
        .from(githubVersions)
        .where(eq(githubVersions.releaseId, releaseId))
        .orderBy(asc(githubVersions.id))
        .all();
    },
  });
}
