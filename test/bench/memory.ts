/**
 * Bench scenario "memory": the bot's resident memory after a restart on a database holding 1,000 staffed releases,
 * each with a go/no-go poll and a history of 40 changed votes, against the bare Bolt app's, both idle. Each is
 * measured once it has been healthy for 6 s (so the bot's scheduler has ticked over every release at least once):
 * the highest of a few samples. Nothing the bot keeps in memory may grow with what the database holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../src/platform/store/database.ts';
import { createStore } from '../../src/store.ts';
import { FAKE_USERS } from '../helpers/e2e.ts';
import { CAST } from '../helpers/people.ts';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';
import { ensureBuilt, type Kind, ROUNDS, ratioLine, spawnApp, spread, untilHealthy } from './harness.ts';
import type { BenchScenario } from './run.ts';

const TARGET = 1.5;
const RELEASES = 1000;
const VOTES_PER_POLL = 40;
const SETTLE_MS = 6000;
const CHANNELS = Array.from({ length: RELEASES }, (_, i) => ({
  id: `CMEM${String(i).padStart(4, '0')}`,
  name: `rel-${i}`,
}));

const ROLES = [
  ['rm', CAST.rm.id],
  ['tech_lead', CAST.tech.id],
  ['qa_lead', CAST.qa.id],
  ['devops', CAST.devops.id],
  ['product_owner', CAST.po.id],
] as const;

/** 1,000 releases, their roles, a poll each and its votes, written straight through the store. */
export async function seed(path: string): Promise<void> {
  const database = openDatabase(path);
  const store = createStore(database);
  const at = new Date('2026-11-20T09:00:00Z');
  await store.transaction(async () => {
    for (let i = 0; i < RELEASES; i += 1) {
      const release = await store.releases.insert({
        teamId: 'T0BENCH',
        channelId: (CHANNELS[i] as { id: string }).id,
        name: `bench-${i}`,
        targetDate: '2027-03-10',
        windowStart: '2027-03-01',
        windowEnd: '2027-03-12',
        timeZone: 'Europe/Berlin',
        createdBy: CAST.rm.id,
        createdAt: at,
      });
      for (const [role, userId] of ROLES) {
        await store.releases.assign({ releaseId: release.id, role, userId, assignedBy: CAST.rm.id, assignedAt: at });
      }
      const poll = await store.polls.insert({
        teamId: 'T0BENCH',
        releaseId: release.id,
        activity: 'go_no_go',
        channelId: release.channelId,
        deadlineAt: null,
        openedBy: CAST.rm.id,
        openedAt: at,
      });
      for (let v = 0; v < VOTES_PER_POLL; v += 1) {
        const [role, voterId] = ROLES[1 + (v % 4)] as (typeof ROLES)[number];
        const go = Math.floor(v / 4) % 2 === 0;
        await store.polls.addVote({
          pollId: poll.id,
          role,
          voterId,
          value: go ? 'go' : 'no_go',
          note: go ? null : `blocker ${v}`,
          at: new Date(at.getTime() + v * 60_000),
        });
      }
    }
  });
  database.close();
}

export const memory: BenchScenario = {
  name: 'memory',
  summary: `resident memory, ${RELEASES} releases stored, after a restart: the bot vs an idle bare Bolt app, ${ROUNDS} rounds (target ≤ ${TARGET}×)`,
  async run() {
    ensureBuilt();
    const fake = await startFakeSlack({ users: FAKE_USERS, channels: CHANNELS });
    const dir = mkdtempSync(join(tmpdir(), 'release-bot-bench-memory-'));
    const path = join(dir, 'bench.sqlite');
    const rss: Record<Kind, number[]> = { bot: [], bare: [], 'npm start': [] };
    const ratios: number[] = [];
    try {
      const seeding = performance.now();
      await seed(path);
      const seeded = `seeded ${RELEASES} releases, ${RELEASES} polls, ${RELEASES * VOTES_PER_POLL} votes in ${((performance.now() - seeding) / 1000).toFixed(1)} s`;
      const once = async (kind: Kind) => {
        const app = await spawnApp(kind, {
          SLACK_BOT_TOKEN: fake.token,
          SLACK_SIGNING_SECRET: 'bench-signing-secret',
          SLACK_API_URL: fake.apiUrl,
          DATABASE_PATH: path,
          LOG_LEVEL: 'error',
        });
        try {
          await untilHealthy(app);
          await sleep(SETTLE_MS);
          let highest = 0;
          for (let i = 0; i < 5; i += 1) {
            highest = Math.max(highest, app.rssMb());
            await sleep(200);
          }
          rss[kind].push(highest);
          return highest;
        } finally {
          await app.stop();
        }
      };
      for (let round = 0; round < ROUNDS; round += 1) {
        const [first, second] = round % 2 === 0 ? (['bare', 'bot'] as const) : (['bot', 'bare'] as const);
        const a = await once(first);
        const b = await once(second);
        ratios.push(first === 'bot' ? a / b : b / a);
      }
      const verdict = ratioLine('memory', ratios, TARGET, 'at most');
      return {
        ok: verdict.ok,
        report: [
          seeded,
          `bare Bolt, idle                            ${spread(rss.bare, 'MB', 1)}`,
          `bot, ${RELEASES} releases, after a restart         ${spread(rss.bot, 'MB', 1)}`,
          verdict.line,
        ].join('\n'),
      };
    } finally {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
