/**
 * Ack latency of poll vote clicks: the real bot (its own process started as `npm start` starts it, a temp SQLite
 * file, the real Web API client against the fake Slack) and, in the same run, a bare Bolt app that only acks, also in
 * its own process (`bare-app.ts`). Both get signed vote
 * clicks at the same fixed rate over loopback; we report p50/p99 and throughput side by side.
 * Target: p99(bot) ≤ 1.5 × p99(bare), both measured in the same window, and every click acked
 * well inside Slack's 3 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_USERS } from '../helpers/e2e.ts';
import { CAST, CHANNEL } from '../helpers/people.ts';
import { startBotProcess } from '../helpers/process.ts';
import { createSlackDriver, type SlackDriver } from '../support/fake-slack/driver.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack/fake-slack.ts';
import type { BenchScenario } from './run.ts';

const RATE_PER_SECOND = Number(process.env.BENCH_RATE ?? 50);
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MAX_IN_FLIGHT = 200;
const SLACK_ACK_LIMIT_MS = 3000;
/** "Well inside" 3 s. */
const ACK_BUDGET_MS = 1000;
const RATIO_TARGET = 1.5;
const SECRET = 'bench-signing-secret';

const VOTERS = [
  ['tech_lead', CAST.tech.id],
  ['qa_lead', CAST.qa.id],
  ['devops', CAST.devops.id],
  ['product_owner', CAST.po.id],
] as const;

type Stats = { sent: number; acked: number; failed: number; p50: number; p99: number; max: number; perSecond: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Sends `RATE_PER_SECOND` clicks a second for `DURATION_SECONDS`, never more than MAX_IN_FLIGHT at once. */
async function fire(click: (i: number) => Promise<{ status: number }>): Promise<Stats> {
  const total = RATE_PER_SECOND * DURATION_SECONDS;
  const interval = 1000 / RATE_PER_SECOND;
  const latencies: number[] = [];
  let failed = 0;
  let inFlight = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight >= MAX_IN_FLIGHT) {
      failed += 1;
      continue;
    }
    inFlight += 1;
    const sentAt = performance.now();
    pending.push(
      click(i)
        .then((response) => {
          if (response.status === 200) latencies.push(performance.now() - sentAt);
          else failed += 1;
        })
        .catch(() => {
          failed += 1;
        })
        .finally(() => {
          inFlight -= 1;
        }),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    sent: total,
    acked: latencies.length,
    failed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    perSecond: latencies.length / elapsed,
  };
}

/** Waits until the bot has stopped calling Slack (its post-ack work is done). */
async function settle(fake: FakeSlack): Promise<void> {
  let last = -1;
  while (fake.calls.length !== last) {
    last = fake.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function waitForReply(fake: FakeSlack, responseUrl: string): Promise<string> {
  const post = await fake.waitFor(() => fake.responseUrlPosts.find((p) => p.url === responseUrl), { timeoutMs: 5000 });
  return JSON.stringify(post.body);
}

async function command(fake: FakeSlack, driver: SlackDriver, userId: string, text: string): Promise<string> {
  const sent = await driver.command({ userId, channelId: CHANNEL, text });
  return waitForReply(fake, sent.responseUrl);
}

function format(label: string, s: Stats): string {
  const ms = (n: number) => `${n.toFixed(2)} ms`.padStart(10);
  return `${label.padEnd(10)} sent ${String(s.sent).padStart(4)}  acked ${String(s.acked).padStart(4)}  failed ${s.failed}  p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  ${s.perSecond.toFixed(1)} acks/s`;
}

export const voteLatency: BenchScenario = {
  name: 'vote-latency',
  summary: `ack latency of vote clicks at ${RATE_PER_SECOND}/s for ${DURATION_SECONDS}s: the bot vs a bare Bolt app`,
  async run() {
    const users = FAKE_USERS;
    const fake = await startFakeSlack({ users, channels: [{ id: CHANNEL, name: 'release' }] });
    const dir = mkdtempSync(join(tmpdir(), 'release-bot-bench-'));
    const env = {
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      DATABASE_PATH: join(dir, 'bench.sqlite'),
      LOG_LEVEL: 'info',
    };
    // Each app in its own process, as in production; the fake Slack and the clicks come from this one.
    const bot = startBotProcess(env);
    const bare = startBotProcess(env, 'test/bench/bare-app.ts');
    const [, botPort] = await bot.waitForOutput(/HTTP on port (\d+)/);
    const [, barePort] = await bare.waitForOutput(/HTTP on port (\d+)/);
    try {
      const botDriver = createSlackDriver({
        fake,
        appUrl: `http://127.0.0.1:${botPort}/slack/events`,
        signingSecret: SECRET,
      });
      const bareDriver = createSlackDriver({
        fake,
        appUrl: `http://127.0.0.1:${barePort}/slack/events`,
        signingSecret: SECRET,
      });
      await command(fake, botDriver, CAST.rm.id, 'create 9.9.9 target:2026-12-10');
      for (const [role, who] of [
        ['rm', CAST.rm.id],
        ['tech-lead', CAST.tech.id],
        ['qa', CAST.qa.id],
        ['devops', CAST.devops.id],
        ['po', CAST.po.id],
      ] as const) {
        await command(fake, botDriver, CAST.rm.id, `role ${role} <@${who}>`);
      }
      const opened = await command(fake, botDriver, CAST.rm.id, 'gonogo');
      const poll = fake.messages(CHANNEL).find((m) => m.text.startsWith('Go/No-Go'));
      if (!poll) throw new Error(`the poll was not posted: ${opened}`);
      const decide = poll.blocks.find((b) => b.block_id === 'poll_decide') as { elements: Array<{ value: string }> };
      const pollId = decide.elements[0]?.value;
      // Every 4th click is a "Go with conditions" (a users.info lookup, then a modal); one in ten is an outsider
      // (refused with an ephemeral); the rest are Go votes alternating across the four roles.
      const clickWith = (driver: SlackDriver) => (i: number) => {
        const [role, holder] = VOTERS[i % 4] as (typeof VOTERS)[number];
        const userId = i % 10 === 9 ? CAST.outsider.id : holder;
        const actionId = i % 4 === 3 ? 'poll_vote_conditions' : 'poll_vote_go';
        return driver.clickButton({
          userId,
          channelId: CHANNEL,
          messageTs: poll.ts,
          actionId,
          value: `${pollId}:${role}`,
        });
      };
      // Warm up both (JIT, connection setup) before measuring.
      for (let i = 0; i < 20; i += 1) {
        await clickWith(bareDriver)(i);
        await clickWith(botDriver)(i);
      }
      await settle(fake);
      // Both at once: whatever else the machine is doing then weighs on both alike.
      const [bareStats, botStats] = await Promise.all([fire(clickWith(bareDriver)), fire(clickWith(botDriver))]);
      await settle(fake);
      const ratio = botStats.p99 / bareStats.p99;
      const ratioOk = botStats.p99 <= RATIO_TARGET * bareStats.p99;
      const allAcked = botStats.failed === 0 && bareStats.failed === 0 && botStats.max < ACK_BUDGET_MS;
      const report = [
        format('bare Bolt', bareStats),
        format('bot', botStats),
        `p99 ratio bot/bare: ${ratio.toFixed(2)} (target ≤ ${RATIO_TARGET}): ${ratioOk ? 'ok' : 'MISSED'}`,
        `every click acked within ${ACK_BUDGET_MS} ms (Slack allows ${SLACK_ACK_LIMIT_MS} ms): ${allAcked ? 'yes' : 'NO'}`,
        `chat.update calls: ${fake.callsTo('chat.update').length} for ${botStats.acked} bot clicks (coalesced)`,
      ].join('\n');
      return { ok: ratioOk && allAcked, report };
    } finally {
      bare.child.kill('SIGTERM');
      bot.child.kill('SIGTERM');
      await Promise.all([bare.exited, bot.exited]);
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
