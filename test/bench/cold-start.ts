/**
 * Bench scenario "cold-start": from the spawn to the first `200` from `/healthz`, the bot's start command run
 * directly (`node dist/main.js`: a fresh SQLite file migrated, auth.test against the fake Slack) against the bare
 * Bolt app under plain node, alternating. `npm start` (npm, the prestart freshness check, then the same command) is
 * timed too and printed, not compared: npm alone adds a few hundred milliseconds to anything it starts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_USERS } from '../helpers/e2e.ts';
import { CHANNEL } from '../helpers/people.ts';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';
import { ensureBuilt, type Kind, ROUNDS, ratioLine, spawnApp, spread, untilHealthy } from './harness.ts';
import type { BenchScenario } from './run.ts';

const TARGET = 1.5;

export const coldStart: BenchScenario = {
  name: 'cold-start',
  summary: `spawn → first 200 from /healthz: node dist/main.js vs a bare Bolt app, ${ROUNDS} rounds (target ≤ ${TARGET}×)`,
  async run() {
    ensureBuilt();
    const fake = await startFakeSlack({ users: FAKE_USERS, channels: [{ id: CHANNEL, name: 'release' }] });
    const dir = mkdtempSync(join(tmpdir(), 'release-bot-bench-cold-'));
    const times: Record<Kind, number[]> = { bot: [], bare: [], 'npm start': [] };
    const ratios: number[] = [];
    try {
      const once = async (kind: Kind, round: number, counted = true) => {
        const app = await spawnApp(kind, {
          SLACK_BOT_TOKEN: fake.token,
          SLACK_SIGNING_SECRET: 'bench-signing-secret',
          SLACK_API_URL: fake.apiUrl,
          DATABASE_PATH: join(dir, `${kind.replace(' ', '-')}-${round}.sqlite`),
          LOG_LEVEL: 'error',
        });
        try {
          const ms = await untilHealthy(app);
          if (counted) times[kind].push(ms);
          return ms;
        } finally {
          await app.stop();
        }
      };
      // One start of each first, not counted: the file system cache then holds what every later start reads.
      await once('bare', -1, false);
      await once('bot', -1, false);
      for (let round = 0; round < ROUNDS; round += 1) {
        // Alternate which goes first, so a drift in the machine's load weighs on both alike.
        const bare = round % 2 === 0 ? await once('bare', round) : 0;
        const bot = await once('bot', round);
        const bareAfter = round % 2 === 1 ? await once('bare', round) : bare;
        ratios.push(bot / bareAfter);
        await once('npm start', round);
      }
      const verdict = ratioLine('cold-start', ratios, TARGET, 'at most');
      return {
        ok: verdict.ok,
        report: [
          `bare Bolt (node test/bench/bare-app.mjs)  ${spread(times.bare, 'ms')}`,
          `bot (node dist/main.js)                   ${spread(times.bot, 'ms')}`,
          `npm start (not compared: npm itself)      ${spread(times['npm start'], 'ms')}`,
          verdict.line,
        ].join('\n'),
      };
    } finally {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
