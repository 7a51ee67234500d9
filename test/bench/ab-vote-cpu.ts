/**
 * An A/B of two builds' CPU per changing vote click, side by side in one run, which `vote-cpu` run twice cannot give
 * on a shared machine (its figures drift by a fifth within an hour). Copy `dist/` before a change (`cp -r dist
 * dist-before`, inside the project so that its packages resolve), build the change, then:
 *
 *   node --import tsx test/bench/ab-vote-cpu.ts dist-before/main.js      (A: the copy, B: dist/main.js)
 *
 * A second path is B's build instead of dist/main.js; `AB_B_NODE_ARGS` gives B's bot node flags of its own (to judge
 * a V8 flag, say, on one build).
 *
 * Each build runs in a vote session of its own (vote-session.ts: its own fake Slack and database), warmed up, then
 * both take 10 s of clicks at 20/s in turn, alternating which goes first (`AB_ROUNDS`, default 8). Prints the
 * main-thread CPU per click of each round and the medians. A tool, not a scenario: it judges nothing.
 */
import { median } from './harness.ts';
import { startVoteSession, type VoteSession } from './vote-session.ts';

const RATE = 20;
const SECONDS = 10;
const WARM_UP_SECONDS = 5;
const ROUNDS = Number(process.env.AB_ROUNDS ?? 8);

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node --import tsx test/bench/ab-vote-cpu.ts <the other build’s main.js>');
  process.exit(2);
}

async function perClick(session: VoteSession): Promise<number> {
  const from = session.cpuMs('bot', 'main');
  const stats = await session.fire('bot', RATE, SECONDS);
  await session.settle();
  return (session.cpuMs('bot', 'main') - from) / stats.sent;
}

const other = process.argv[3];
const sessions = {
  A: await startVoteSession({ botEntry: entry }),
  B: await startVoteSession({
    ...(other ? { botEntry: other } : {}),
    botNodeArgs: process.env.AB_B_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  }),
};
try {
  for (const session of Object.values(sessions)) {
    await session.fire('bot', RATE, WARM_UP_SECONDS);
    await session.settle();
  }
  const found: Record<'A' | 'B', number[]> = { A: [], B: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const build of round % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      found[build].push(await perClick(sessions[build]));
    }
    console.log(`round ${round + 1}: A ${found.A.at(-1)?.toFixed(2)} ms, B ${found.B.at(-1)?.toFixed(2)} ms`);
  }
  for (const build of ['A', 'B'] as const) {
    const label = build === 'A' ? entry : (other ?? 'dist/main.js');
    console.log(`${build} (${label}): ${median(found[build]).toFixed(2)} ms of main-thread CPU per click, median`);
  }
} finally {
  await Promise.all(Object.values(sessions).map((session) => session.close()));
}
