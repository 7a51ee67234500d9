import { join } from 'node:path';
import { describe, test } from 'vitest';
import { viewSqlite } from '../helpers/replicas.ts';
import {
  type Backend,
  dmStandupsOnce,
  escalationSurvivesKill,
  reviewClicksAcrossReplicas,
  scheduledPostsOnce,
  voteStorm,
} from './replica-scenarios.ts';

/**
 * The replica scenarios of `replicas.test.ts` with two processes on one SQLite file (one machine: a rolling restart,
 * or two processes started by mistake). SQLite serializes their writes; what each posts is still posted once.
 */
const backend: Backend = {
  name: 'SQLite',
  env: async (dir) => ({ DATABASE_PATH: join(dir, 'bot.sqlite') }),
  view: async (env) => viewSqlite(env.DATABASE_PATH as string),
};

describe('two processes on one SQLite file, end to end', () => {
  test('a vote storm split across both: every vote recorded once, the message shows the final database state', async () => {
    await voteStorm(backend);
  }, 120_000);

  test('a standup, its reminder and summary, and the weekly review and report, each posted exactly once', async () => {
    await scheduledPostsOnce(backend);
  }, 120_000);

  test('DM standups: one prompt and one reminder per person, one summary, with both schedulers running', async () => {
    await dmStandupsOnce(backend);
  }, 120_000);

  test('owners review risks at once through both: the weekly review message shows every review, then no buttons', async () => {
    await reviewClicksAcrossReplicas(backend);
  }, 120_000);

  test('an escalation climbing while one process is kill -9ed at its level-2 post: one post per level', async () => {
    await escalationSurvivesKill(backend);
  }, 120_000);
});
