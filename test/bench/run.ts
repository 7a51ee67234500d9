/**
 * `npm run bench [-- scenario…]` (cold-start, memory, vote-latency, vote-throughput, vote-cpu, standup-burst): runs named benchmark scenarios (all by default) and exits non-zero if any misses its
 * target. A scenario is `{ name, summary, run() → { ok, report } }`; add one to SCENARIOS to have it run here.
 * These are benchmarks, not tests: vitest does not pick them up (no `.test.ts`).
 */
import { coldStart } from './cold-start.ts';
import { memory } from './memory.ts';
import { runStandupBurst } from './standup-burst.ts';
import { voteCpu } from './vote-cpu.ts';
import { voteLatency } from './vote-latency.ts';
import { FLOOR_BASELINE } from './vote-session.ts';
import { voteThroughput } from './vote-throughput.ts';

export type BenchResult = { ok: boolean; report: string };
export type BenchScenario = { name: string; summary: string; run: () => Promise<BenchResult> };

const standupBurst: BenchScenario = {
  name: 'standup-burst',
  summary: '500 releases whose standups fall due in the same minute, against one post per second per channel and 429s',
  run: async () => {
    const result = await runStandupBurst();
    return { ok: result.ok, report: result.lines.join('\n') };
  },
};

const SCENARIOS: BenchScenario[] = [coldStart, memory, voteLatency, voteThroughput, voteCpu, standupBurst];

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(`unknown scenario(s): ${unknown.join(', ')}. Known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const chosen = wanted.length === 0 ? SCENARIOS : SCENARIOS.filter((s) => wanted.includes(s.name));
  if (FLOOR_BASELINE) {
    console.log(
      'BENCH_BASELINE=floor: in the vote scenarios "bare Bolt" is the floor app (one SQLite commit per click, views.open per No-Go), not the targets\' baseline',
    );
  }
  let failed = 0;
  for (const scenario of chosen) {
    console.log(`\n== ${scenario.name}: ${scenario.summary}`);
    const started = performance.now();
    try {
      const result = await scenario.run();
      console.log(result.report);
      console.log(
        `${result.ok ? 'PASS' : 'FAIL'} ${scenario.name} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
      if (!result.ok) failed += 1;
    } catch (error) {
      console.error(`ERROR ${scenario.name}`, error);
      failed += 1;
    }
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
