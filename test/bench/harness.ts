/**
 * What the ratio benchmarks share: the two processes compared (the bot as `npm start` runs it, `node dist/main.js`,
 * and the bare Bolt app under plain node), free ports, health polling, resident memory, and the figures' summary:
 * every figure is measured in rounds that alternate bot and bare, and reported as the median with its spread.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
/** How many times each figure is measured (bot and bare alternating); `BENCH_ROUNDS` overrides. */
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

export type Kind = 'bot' | 'bare' | 'npm start';

/** The bot as `npm start` starts it, without npm: the node command of package.json's `start` script, flags and all. */
function startCommand(): { file: string; args: string[] } {
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } })
    .scripts.start;
  const [node, ...args] = script.trim().split(/\s+/);
  if (node !== 'node') throw new Error(`the start script is not a plain node command: ${script}`);
  return { file: process.execPath, args };
}

const COMMANDS: Record<Kind, { file: string; args: string[] }> = {
  bot: startCommand(),
  bare: { file: process.execPath, args: ['test/bench/bare-app.mjs'] },
  'npm start': { file: 'npm', args: ['start', '--silent'] },
};

export type AppProcess = {
  kind: Kind;
  child: ChildProcess;
  port: number;
  /** `performance.now()` just before the spawn. */
  spawnedAt: number;
  output: () => string;
  /** The node process's resident set (for `npm start`, npm's own process: not compared). */
  rssMb: () => number;
  cpuMs: () => number;
  /** CPU time of the process's main thread alone: the one that serves requests (not V8's compiler and GC helpers). */
  mainThreadCpuMs: () => number;
  stop: () => Promise<void>;
};

/** Builds dist/ if src/ is newer, as `npm start`'s prestart does, so the bot measured is the current code. */
export function ensureBuilt(): void {
  execFileSync(process.execPath, ['src/build/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `entry`: another build's main file to run as the bot (an A/B of two builds, side by side in one run). */
export async function spawnApp(
  kind: Kind,
  env: Record<string, string>,
  nodeArgs: string[] = [],
  entry?: string,
): Promise<AppProcess> {
  const port = await freePort();
  const { file, args: commandArgs } =
    entry && kind === 'bot' ? { file: process.execPath, args: [entry] } : COMMANDS[kind];
  const args = file === process.execPath ? [...nodeArgs, ...commandArgs] : commandArgs;
  const spawnedAt = performance.now();
  const child = spawn(file, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // npm runs the bot in a child of its own: the group is stopped together.
    detached: kind === 'npm start',
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    kind,
    child,
    port,
    spawnedAt,
    output: () => output,
    rssMb: () => rssMb(child.pid ?? 0),
    cpuMs: () => cpuMs(child.pid ?? 0),
    mainThreadCpuMs: () => cpuMs(child.pid ?? 0, child.pid ?? 0),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (kind === 'npm start' && child.pid) process.kill(-child.pid, 'SIGTERM');
      else child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (kind === 'npm start' && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Milliseconds from the spawn to the first `200` from `/healthz`, polled every 5 ms. */
export async function untilHealthy(app: AppProcess, timeoutMs = 60_000): Promise<number> {
  const deadline = app.spawnedAt + timeoutMs;
  for (;;) {
    if (app.child.exitCode !== null) throw new Error(`${app.kind} exited before it was healthy:\n${app.output()}`);
    const status = await fetch(`http://127.0.0.1:${app.port}/healthz`).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      () => 0,
    );
    if (status === 200) return performance.now() - app.spawnedAt;
    if (performance.now() > deadline)
      throw new Error(`${app.kind} not healthy after ${timeoutMs} ms:\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/**
 * CPU time (user + system) the process has used so far, in milliseconds (the kernel counts in 10 ms ticks); with
 * `thread`, that thread's alone (a process's main thread has the process's id).
 */
export function cpuMs(pid: number, thread?: number): number {
  const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** `median (min–max, n=3)`. */
export function spread(values: readonly number[], unit: string, digits = 0): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(digits);
  return `${f(median(sorted))} ${unit} (${f(sorted[0] ?? Number.NaN)}–${f(sorted.at(-1) ?? Number.NaN)}, n=${sorted.length})`;
}

/**
 * The one line each scenario is judged by: the median of the per-round ratios against its target, with their
 * spread. `at most` targets are upper bounds (cold start, memory, latency), `at least` lower ones (throughput).
 */
export function ratioLine(
  label: string,
  ratios: readonly number[],
  target: number,
  direction: 'at most' | 'at least',
): { ok: boolean; line: string } {
  const value = median(ratios);
  const ok = direction === 'at most' ? value <= target : value >= target;
  const sorted = [...ratios].sort((a, b) => a - b);
  const line = `ratio ${label} bot/bare ${value.toFixed(2)}× (rounds ${sorted.map((r) => r.toFixed(2)).join(', ')}) (target ${direction === 'at most' ? '≤' : '≥'} ${target}×): ${ok ? 'ok' : 'MISSED'}`;
  return { ok, line };
}
