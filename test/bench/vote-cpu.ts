/**
 * Bench scenario "vote-cpu": the CPU time one changing vote costs the process (vote-session.ts: No-Go, Go, the No-Go
 * note submitted), all of it, the work after the ack and the coalesced re-render included, the bot against a bare
 * Bolt app that only acks, in rounds that alternate them. Clicks are sent at a low rate (20/s by default,
 * `BENCH_CPU_RATE`), so that neither process queues and the figure is the cost of a click, not of a backlog; the
 * process's idle CPU (its timers, the scheduler's tick) is measured just before and taken off. CPU time is the
 * figure least moved by a shared machine's load, unlike the latency ones. Target: what the bot adds to a bare
 * app's click, the median over the rounds, ≤ 1 ms.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { median, ROUNDS, spread } from './harness.ts';
import type { BenchScenario } from './run.ts';
import { startVoteSession, type Target, type VoteSession } from './vote-session.ts';

const RATE = Number(process.env.BENCH_CPU_RATE ?? 20);
const SECONDS = 10;
const IDLE_MS = 2000;
const TARGET_EXTRA_MS = 1;

async function cpuPerClick(session: VoteSession, target: Target): Promise<{ ms: number; sent: number }> {
  const idleFrom = session.cpuMs(target);
  await sleep(IDLE_MS);
  const idlePerMs = (session.cpuMs(target) - idleFrom) / IDLE_MS;
  const from = session.cpuMs(target);
  const started = performance.now();
  const stats = await session.fire(target, RATE, SECONDS);
  await session.settle();
  const used = session.cpuMs(target) - from - idlePerMs * (performance.now() - started);
  return { ms: used / stats.sent, sent: stats.sent };
}

export const voteCpu: BenchScenario = {
  name: 'vote-cpu',
  summary: `CPU time per changing vote at ${RATE}/s, re-render included, bot vs bare Bolt, ${ROUNDS} rounds (target: the bot adds ≤ ${TARGET_EXTRA_MS} ms)`,
  async run() {
    const session = await startVoteSession();
    const lines: string[] = [];
    const perClick: Record<Target, number[]> = { bot: [], bare: [] };
    const extra: number[] = [];
    try {
      const updatesBefore = session.chatUpdates();
      let botClicks = 0;
      for (let round = 0; round < ROUNDS; round += 1) {
        const order: Target[] = round % 2 === 0 ? ['bare', 'bot'] : ['bot', 'bare'];
        const found: Partial<Record<Target, number>> = {};
        for (const target of order) {
          const { ms, sent } = await cpuPerClick(session, target);
          found[target] = ms;
          perClick[target].push(ms);
          if (target === 'bot') botClicks += sent;
          lines.push(`round ${round + 1} ${target.padEnd(4)} ${ms.toFixed(2)} ms of CPU per click (${sent} clicks)`);
        }
        extra.push((found.bot ?? Number.NaN) - (found.bare ?? Number.NaN));
      }
      lines.push(`bare Bolt ${spread(perClick.bare, 'ms', 2)}, bot ${spread(perClick.bot, 'ms', 2)} per click`);
      lines.push(`chat.update calls: ${session.chatUpdates() - updatesBefore} for ${botClicks} bot clicks`);
      const value = median(extra);
      const ok = value <= TARGET_EXTRA_MS;
      const sorted = [...extra].sort((a, b) => a - b);
      lines.push(
        `extra vote-cpu bot−bare ${value.toFixed(2)} ms (rounds ${sorted.map((r) => r.toFixed(2)).join(', ')}) (target ≤ ${TARGET_EXTRA_MS} ms): ${ok ? 'ok' : 'MISSED'}`,
      );
      return { ok, report: lines.join('\n') };
    } finally {
      await session.close();
    }
  },
};
