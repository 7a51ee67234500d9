/**
 * What the vote benchmarks share: the bot (`node dist/main.js`, a fresh SQLite file) and the bare Bolt app, each in
 * its own process against one fake Slack; a staffed release with an open go/no-go poll; and the clicks, which
 * CHANGE the poll: for each of the four voters in turn, No-Go (which opens the note modal), then Go, then the No-Go
 * modal submitted with a reason. So two clicks in three change a vote, and every change asks for a re-render.
 * The bare app is sent the same kinds of request (the same clicks on the same message; for a submission, a copy of
 * one the bot was sent) and only acknowledges them.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_USERS } from '../helpers/e2e.ts';
import { CAST, CHANNEL } from '../helpers/people.ts';
import { createSlackDriver, type SlackDriver } from '../support/fake-slack/driver.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack/fake-slack.ts';
import { type AppProcess, ensureBuilt, percentile, spawnApp, untilHealthy } from './harness.ts';

const SECRET = 'bench-signing-secret';
const MAX_IN_FLIGHT = 500;

const VOTERS = [
  ['tech_lead', CAST.tech.id],
  ['qa_lead', CAST.qa.id],
  ['devops', CAST.devops.id],
  ['product_owner', CAST.po.id],
] as const;

export type Target = 'bot' | 'bare';

/**
 * `BENCH_BASELINE=floor`: the "bare" app is the floor instead (bare-app.mjs: one SQLite commit per click and
 * `views.open` for a No-Go, nothing else), to see how much of the bot's cost any app that records clicks pays. The
 * scenarios' verdicts then compare the bot with the floor, which is not what their targets mean.
 */
export const FLOOR_BASELINE = process.env.BENCH_BASELINE === 'floor';

export type RunStats = {
  rate: number;
  sent: number;
  acked: number;
  failed: number;
  /** Acked with a 200 within `withinMs`. */
  inTime: number;
  p50: number;
  p99: number;
  max: number;
  /** Submission slots sent as a Go click because the voter's modal was not open yet. */
  substituted: number;
};

export type VoteSession = {
  fake: FakeSlack;
  /** `rate` requests a second for `seconds`, open loop: each is sent at its time, whatever the earlier ones did. */
  fire: (target: Target, rate: number, seconds: number, withinMs?: number) => Promise<RunStats>;
  /** Waits until the bot has stopped calling Slack (its work after the acks is done). */
  settle: () => Promise<void>;
  chatUpdates: () => number;
  /** CPU time the app's process has used so far, in milliseconds; `main`: its main thread's alone. */
  cpuMs: (target: Target, thread?: 'process' | 'main') => number;
  /** What the bot wrote to stderr (its log). */
  botOutput: () => string;
  close: () => Promise<void>;
};

const agent = new Agent({ keepAlive: true, maxSockets: 512 });

/** POSTs an interaction payload as Slack does (a form, signed), over a kept-alive connection. */
function signedPost(port: number, payload: unknown): Promise<{ status: number; ack: unknown }> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let ack: unknown;
          try {
            ack = text === '' ? undefined : JSON.parse(text);
          } catch {
            ack = text;
          }
          resolve({ status: res.statusCode ?? 0, ack });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function reply(fake: FakeSlack, driver: SlackDriver, userId: string, text: string): Promise<string> {
  const sent = await driver.command({ userId, channelId: CHANNEL, text });
  const post = await fake.waitFor(() => fake.responseUrlPosts.find((p) => p.url === sent.responseUrl), {
    timeoutMs: 10_000,
  });
  return JSON.stringify(post.body);
}

/**
 * `botEntry`: run another build's main file as the bot, e.g. a copy of dist/ from before a change. `botNodeArgs`:
 * node flags for this session's bot alone, after `BENCH_NODE_ARGS`.
 */
export async function startVoteSession(
  options: { botEntry?: string; botNodeArgs?: string[] } = {},
): Promise<VoteSession> {
  ensureBuilt();
  const fake = await startFakeSlack({ users: FAKE_USERS, channels: [{ id: CHANNEL, name: 'release' }] });
  const dir = mkdtempSync(join(tmpdir(), 'release-bot-bench-vote-'));
  const env = {
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    DATABASE_PATH: join(dir, 'bench.sqlite'),
    LOG_LEVEL: 'info',
  };
  // BENCH_PROFILE=<dir>: the bot writes a CPU profile there when it stops (node --cpu-prof), to see what a click costs.
  const profile = process.env.BENCH_PROFILE
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${process.env.BENCH_PROFILE}`,
        `--cpu-prof-interval=${process.env.BENCH_PROFILE_INTERVAL_US ?? 1000}`,
      ]
    : [];
  // BENCH_NODE_ARGS: more node flags for the bot (`--trace-gc`, `--perf-basic-prof`), to see where a click's time goes.
  const apps: Record<Target, AppProcess> = {
    bot: await spawnApp(
      'bot',
      env,
      [...profile, ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...(options.botNodeArgs ?? [])],
      options.botEntry,
    ),
    bare: await spawnApp('bare', FLOOR_BASELINE ? { ...env, BARE_FLOOR: '1' } : env),
  };
  const close = async () => {
    agent.destroy();
    await Promise.all([apps.bot.stop(), apps.bare.stop()]);
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all([untilHealthy(apps.bot), untilHealthy(apps.bare)]);
    const drivers: Record<Target, SlackDriver> = {
      bot: createSlackDriver({ fake, appUrl: `http://127.0.0.1:${apps.bot.port}/slack/events`, signingSecret: SECRET }),
      bare: createSlackDriver({
        fake,
        appUrl: `http://127.0.0.1:${apps.bare.port}/slack/events`,
        signingSecret: SECRET,
      }),
    };
    await reply(fake, drivers.bot, CAST.rm.id, 'create 9.9.9 target:2026-12-10');
    for (const [role, who] of [
      ['rm', CAST.rm.id],
      ['tech-lead', CAST.tech.id],
      ['qa', CAST.qa.id],
      ['devops', CAST.devops.id],
      ['po', CAST.po.id],
    ] as const) {
      await reply(fake, drivers.bot, CAST.rm.id, `role ${role} <@${who}>`);
    }
    const opened = await reply(fake, drivers.bot, CAST.rm.id, 'gonogo');
    const poll = fake.messages(CHANNEL).find((m) => m.text.startsWith('Go/No-Go'));
    if (!poll) throw new Error(`the poll was not posted: ${opened}`);
    const decide = poll.blocks.find((b) => b.block_id === 'poll_decide') as { elements: Array<{ value: string }> };
    const pollId = decide.elements[0]?.value;
    // The clicks are sent from templates (one per voter and button, one submission per voter, each first made by
    // the driver from the real message or modal), so that building requests costs this process next to nothing and
    // the two apps are measured, not the sender. Only what Slack makes unique per request is renewed.
    const clicks = new Map<string, Record<string, unknown>>();
    const submissions = new Map<string, Record<string, unknown>>();
    let sequence = 0;
    let substituted = 0;
    const uniqueTs = () => `${Math.floor(Date.now() / 1000)}.${String(sequence++ % 1_000_000).padStart(6, '0')}`;
    const clickPayload = async (userId: string, role: string, actionId: string, triggerId: string) => {
      const key = `${userId}:${actionId}`;
      let template = clicks.get(key);
      if (!template) {
        const made = await drivers.bot.clickButton({
          userId,
          channelId: CHANNEL,
          messageTs: poll.ts,
          actionId,
          value: `${pollId}:${role}`,
        });
        template = made.payload as Record<string, unknown>;
        clicks.set(key, template);
        return { sent: made };
      }
      const [action] = template.actions as Array<Record<string, unknown>>;
      return { payload: { ...template, trigger_id: triggerId, actions: [{ ...action, action_ts: uniqueTs() }] } };
    };
    const click = async (target: Target, userId: string, role: string, actionId: string) => {
      // The floor opens its modal too, so it needs a trigger Slack would take.
      const triggerId = target === 'bot' || FLOOR_BASELINE ? fake.newTriggerId(userId) : 'bare-trigger';
      const made = await clickPayload(userId, role, actionId, triggerId);
      return made.sent ?? signedPost(apps[target].port, made.payload);
    };
    const send = async (target: Target, i: number): Promise<{ status: number }> => {
      const [role, userId] = VOTERS[i % 4] as (typeof VOTERS)[number];
      const step = Math.floor(i / 4) % 3;
      if (step === 0) return click(target, userId, role, 'poll_vote_no_go');
      if (step === 2) {
        const template = submissions.get(userId);
        if (target === 'bare' && template) return signedPost(apps.bare.port, template);
        const modal =
          target === 'bot'
            ? fake
                .openViews(userId)
                .filter((view) => view.callback_id === 'poll_vote_note')
                .at(-1)
            : undefined;
        if (modal?.id && modal.callback_id === 'poll_vote_note') {
          const viewId = String(modal.id);
          if (!template) {
            const submitted = await drivers.bot.submitView({
              userId,
              viewId,
              values: { poll_note: { value: `${role}: the smoke tests fail on staging` } },
            });
            submissions.set(userId, submitted.payload as Record<string, unknown>);
            return submitted;
          }
          const payload = {
            ...template,
            trigger_id: fake.newTriggerId(userId, { fromView: true }),
            view: { ...(template.view as object), id: viewId },
          };
          const response = await signedPost(apps.bot.port, payload);
          if (response.status === 200) fake.applyViewSubmissionAck(userId, viewId, response.ack);
          return response;
        }
        substituted += 1;
      }
      return click(target, userId, role, 'poll_vote_go');
    };

    const settle = async () => {
      let last = -1;
      while (fake.calls.length !== last) {
        last = fake.calls.length;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    };
    // Warm up both (JIT, connections), and have one real submission for the bare app.
    for (let i = 0; i < 48; i += 1) {
      await send('bot', i);
      if (i % 12 === 11) await settle();
    }
    for (let i = 0; i < 48; i += 1) await send('bare', i);
    await settle();

    let next = 0;
    const fire = async (target: Target, rate: number, seconds: number, withinMs = 50): Promise<RunStats> => {
      const total = Math.round(rate * seconds);
      const interval = 1000 / rate;
      const latencies: number[] = [];
      let failed = 0;
      let inFlight = 0;
      const pending: Promise<void>[] = [];
      substituted = 0;
      const started = performance.now();
      for (let n = 0; n < total; n += 1) {
        const due = started + n * interval;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        if (inFlight >= MAX_IN_FLIGHT) {
          failed += 1;
          continue;
        }
        inFlight += 1;
        // Latency counts from when the request was due, so a sender that falls behind shows as latency.
        const i = next++;
        pending.push(
          send(target, i)
            .then((response) => {
              if (response.status === 200) latencies.push(performance.now() - due);
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
      const sorted = latencies.sort((a, b) => a - b);
      return {
        rate,
        sent: total,
        acked: sorted.length,
        failed,
        inTime: sorted.filter((ms) => ms <= withinMs).length,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? Number.NaN,
        substituted,
      };
    };
    return {
      fake,
      fire,
      settle,
      chatUpdates: () => fake.callsTo('chat.update').length,
      botOutput: () => apps.bot.output(),
      cpuMs: (target, thread = 'process') =>
        thread === 'main' ? apps[target].mainThreadCpuMs() : apps[target].cpuMs(),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export function formatStats(label: string, s: RunStats): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
  return `${label.padEnd(6)} ${String(s.rate).padStart(4)}/s  sent ${String(s.sent).padStart(5)}  acked ${String(s.acked).padStart(5)}  failed ${s.failed}  p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}${s.substituted ? `  (${s.substituted} submissions sent as Go: modal not open yet)` : ''}`;
}
