/**
 * Bench scenario "vote-latency": acknowledgement latency of vote clicks that change the poll (vote-session.ts), sent
 * open loop at 100 and at 300 a second, to the bot (`node dist/main.js`) and to a bare Bolt app, in rounds that
 * alternate them. Target, at each rate: the median over the rounds of p99(bot) / p99(bare) ≤ 1.5, and every click
 * acknowledged well inside Slack's 3 s.
 */
import { ROUNDS, ratioLine, spread } from './harness.ts';
import type { BenchScenario } from './run.ts';
import { formatStats, type RunStats, startVoteSession, type Target } from './vote-session.ts';

const RATES = [100, 300];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const TARGET = 1.5;
const ACK_BUDGET_MS = 1000;

export const voteLatency: BenchScenario = {
  name: 'vote-latency',
  summary: `ack p99 of changing votes at ${RATES.join(' and ')}/s, ${SECONDS} s each, bot vs bare Bolt, ${ROUNDS} rounds (target ≤ ${TARGET}×)`,
  async run() {
    const session = await startVoteSession();
    const lines: string[] = [];
    let ok = true;
    try {
      const updatesBefore = session.chatUpdates();
      let botClicks = 0;
      const stats: Record<number, Record<Target, RunStats[]>> = {};
      for (const rate of RATES) stats[rate] = { bot: [], bare: [] };
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const rate of RATES) {
          const order: Target[] = round % 2 === 0 ? ['bare', 'bot'] : ['bot', 'bare'];
          for (const target of order) {
            const s = await session.fire(target, rate, SECONDS);
            await session.settle();
            stats[rate]?.[target].push(s);
            if (target === 'bot') botClicks += s.acked;
            lines.push(`round ${round + 1} ${formatStats(target, s)}`);
          }
        }
      }
      for (const rate of RATES) {
        const { bot, bare } = stats[rate] as Record<Target, RunStats[]>;
        const ratios = bot.map((b, i) => b.p99 / (bare[i] as RunStats).p99);
        lines.push(
          `${rate}/s p99: bare ${spread(
            bare.map((s) => s.p99),
            'ms',
            1,
          )}, bot ${spread(
            bot.map((s) => s.p99),
            'ms',
            1,
          )}`,
        );
        const verdict = ratioLine(`vote-latency p99 at ${rate}/s`, ratios, TARGET, 'at most');
        lines.push(verdict.line);
        ok &&= verdict.ok;
        const all = [...bot, ...bare];
        const acked = all.every((s) => s.failed === 0 && s.max < ACK_BUDGET_MS);
        if (!acked) {
          ok = false;
          lines.push(`FAIL at ${rate}/s not every click was acknowledged within ${ACK_BUDGET_MS} ms`);
        }
      }
      lines.push(
        `chat.update calls: ${session.chatUpdates() - updatesBefore} for ${botClicks} bot clicks (re-renders coalesced)`,
      );
      return { ok, report: lines.join('\n') };
    } finally {
      await session.close();
    }
  },
};
