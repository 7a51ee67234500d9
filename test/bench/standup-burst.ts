/**
 * Bench scenario "standup-burst": 500 releases in 500 channels whose standups fall due in the same minute, against the
 * fake Slack enforcing one message per second per channel, with occasional 429s. Three bursts (prompts, reminders,
 * summaries) must each post exactly once per channel; the time each takes is reported against the minimum the limits
 * impose. Loopback only; bounded by a deadline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createReleaseBot } from '../../src/bot.ts';
import { parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { manualClock } from '../helpers/clock.ts';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';

const RELEASES = 500;
const DEADLINE_MS = 120_000;
/** 429s injected per burst (each with Retry-After: 1 s). */
const INJECTED_429S = 3;

export async function runStandupBurst(): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  const users = ['URM', 'UTECH', 'UQA', 'UDEVOPS', 'UPO'].map((id) => ({
    id,
    name: id.toLowerCase(),
    tz: 'Europe/Berlin',
  }));
  const channels = Array.from({ length: RELEASES }, (_, i) => ({
    id: `CB${String(i).padStart(5, '0')}`,
    name: `rel-${i}`,
  }));
  const fake = await startFakeSlack({ users, channels, enforceChannelPostRate: true });
  const dir = mkdtempSync(join(tmpdir(), 'release-bot-bench-'));
  const clock = manualClock('2026-11-23T09:00:00Z');
  const config = parseConfig({
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: 'bench',
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    DATABASE_PATH: join(dir, 'bench.sqlite'),
    LOG_LEVEL: 'error',
  });
  const bot = await createReleaseBot({
    config,
    clock,
    logger: createLogger('error', () => undefined),
    schedule: false,
  });
  let ok = true;
  const check = (condition: boolean, message: string) => {
    if (!condition) ok = false;
    lines.push(`${condition ? 'ok  ' : 'FAIL'} ${message}`);
  };
  const deadline = setTimeout(() => {
    lines.push(`FAIL deadline of ${DEADLINE_MS / 1000}s passed`);
    process.exitCode = 1;
  }, DEADLINE_MS);
  try {
    const { store } = bot.deps;
    await store.transaction(async () => {
      for (const [i, channel] of channels.entries()) {
        const release = await store.releases.insert({
          teamId: 'T0BENCH',
          channelId: channel.id,
          name: `bench-${i}`,
          targetDate: '2026-12-10',
          windowStart: '2026-12-01',
          windowEnd: '2026-12-12',
          timeZone: 'Europe/Berlin',
          createdBy: 'URM',
          createdAt: clock.now(),
        });
        for (const [role, userId] of [
          ['rm', 'URM'],
          ['tech_lead', 'UTECH'],
          ['qa_lead', 'UQA'],
          ['devops', 'UDEVOPS'],
          ['product_owner', 'UPO'],
        ] as const) {
          await store.releases.assign({
            releaseId: release.id,
            role,
            userId,
            assignedBy: 'URM',
            assignedAt: clock.now(),
          });
        }
      }
    });
    const burst = async (label: string, at: string, textPrefix: string, threaded: boolean) => {
      clock.set(at);
      fake.rateLimitNext('chat.postMessage', { retryAfterSeconds: 1, times: INJECTED_429S });
      const callsBefore = fake.calls.length;
      const started = performance.now();
      await bot.tick();
      await bot.tick(); // a second tick in the same minute must post nothing more
      const seconds = (performance.now() - started) / 1000;
      const calls = fake.calls.slice(callsBefore).filter((c) => c.method === 'chat.postMessage');
      const limited = calls.filter((c) => c.status === 429).length;
      let exactlyOnce = 0;
      for (const channel of channels) {
        const posts = threaded
          ? fake.messages(channel.id).flatMap((m) => fake.thread(channel.id, m.ts))
          : fake.messages(channel.id);
        if (posts.filter((m) => m.text.startsWith(textPrefix)).length === 1) exactlyOnce += 1;
      }
      // The limits: one post per channel per burst needs no spacing, so the minimum is the injected Retry-After waits
      // (the client pauses its queue for each); the bursts are in different minutes, so earlier posts do not count.
      const minimum = INJECTED_429S * 1;
      check(exactlyOnce === RELEASES, `${label}: ${exactlyOnce}/${RELEASES} channels got exactly one`);
      lines.push(
        `     ${label}: ${seconds.toFixed(2)}s for ${RELEASES} posts (${limited} answered 429) — limit-imposed minimum ≈ ${minimum}s, overhead ${(seconds - minimum).toFixed(2)}s`,
      );
    };
    await burst('prompts', '2026-12-01T08:30:00Z', 'Daily standup', false);
    await burst('reminders', '2026-12-01T10:30:00Z', 'Reminder', true);
    await burst('summaries', '2026-12-01T12:30:00Z', 'Standup summary', false);
    const okPosts = fake.calls.filter((c) => c.method === 'chat.postMessage' && c.ok).length;
    check(
      okPosts === RELEASES * 3,
      `${okPosts} messages accepted in all (expected ${RELEASES * 3}: none lost, none doubled)`,
    );
  } finally {
    clearTimeout(deadline);
    await bot.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { ok, lines };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runStandupBurst();
  for (const line of result.lines) console.log(line);
  console.log(result.ok ? 'standup-burst: ok' : 'standup-burst: FAILED');
  process.exitCode = result.ok ? 0 : 1;
}
