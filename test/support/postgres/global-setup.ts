import type { TestProject } from 'vitest/node';
import { findPostgresBin, NO_POSTGRES, startCluster } from './cluster.ts';

/** What the PostgreSQL tests are given: a server to create their databases on, or why there is none. */
export type ProvidedPostgres = { url: string } | { unavailable: string };

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absent when the run was started without `test/vitest.config.ts`. */
    postgres?: ProvidedPostgres;
  }
}

/**
 * vitest's global setup (`test/vitest.config.ts`, used by `npm test`): one throwaway PostgreSQL cluster for the whole
 * run, on which every PostgreSQL test file creates its own database, stopped when the run ends. `TEST_DATABASE_URL`
 * names an existing server instead. Without either, the PostgreSQL tests fail and say why; they never pass unrun.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgres', { url: given });
    return undefined;
  }
  const bin = findPostgresBin();
  if (!bin) {
    project.provide('postgres', { unavailable: NO_POSTGRES });
    return undefined;
  }
  let server: Awaited<ReturnType<typeof startCluster>>;
  try {
    server = await startCluster(bin);
  } catch (error) {
    // Only the PostgreSQL tests need the cluster: they fail with the reason, and the others still run.
    project.provide('postgres', { unavailable: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
  project.provide('postgres', { url: server.url });
  return () => server.stop();
}
