/**
 * Real bot processes for the process tests (kill -9, two replicas on one database): a clock they share through a
 * file, a tap between each process and the fake Slack (to kill a process the moment Slack took one of its calls),
 * a round-robin proxy in front of the processes (one URL, as behind a load balancer), and a look into the database.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Store } from '../../src/deps.ts';
import { openDatabase } from '../../src/platform/store/database.ts';
import { openPostgresStore } from '../../src/postgres-store.ts';
import { createStore } from '../../src/store.ts';
import type { FakeSlack } from '../support/fake-slack/fake-slack.ts';
import { SIGNING_SECRET } from './e2e.ts';
import { type BotProcess, startBotProcess } from './process.ts';

export type SharedClock = {
  path: string;
  now: () => Date;
  set: (iso: string | Date) => Date;
  advance: (ms: number) => Date;
};

/** The clock every process reads (`test/support/bot-process/main.ts`); written atomically, so no reader sees half. */
export function sharedClock(dir: string, start: string): SharedClock {
  const path = join(dir, 'clock');
  let current = new Date(start);
  const write = () => {
    writeFileSync(`${path}.next`, current.toISOString());
    renameSync(`${path}.next`, path);
    return new Date(current);
  };
  write();
  return {
    path,
    now: () => new Date(current),
    set: (iso) => {
      current = new Date(iso);
      return write();
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
      return write();
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closer(server: Server) {
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
}

export type SlackCall = { method: string; params: URLSearchParams };

/**
 * Forwards one process's Web API calls to the fake Slack. `killWhen` arms a trap: the first call it matches reaches
 * Slack and takes effect, then the process is killed (SIGKILL) before the answer reaches it.
 */
export type SlackTap = {
  apiUrl: string;
  killWhen: (matches: (call: SlackCall) => boolean, kill: () => void) => Promise<SlackCall>;
  /** Disarms every trap not yet sprung. */
  disarm: () => void;
  close: () => Promise<void>;
};

export async function startSlackTap(fake: FakeSlack): Promise<SlackTap> {
  const traps: Array<{ matches: (call: SlackCall) => boolean; kill: () => void; sprung: (call: SlackCall) => void }> =
    [];
  const server = createServer((req, res) => {
    (async () => {
      const body = await readBody(req);
      const method = /\/api\/([A-Za-z0-9_.]+)/.exec(req.url ?? '')?.[1] ?? '';
      const call = { method, params: new URLSearchParams(body.toString('utf8')) };
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'authorization']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const answer = await fetch(`${fake.url}${req.url}`, { method: req.method ?? 'POST', headers, body });
      const text = await answer.text();
      const trap = traps.find((t) => t.matches(call));
      if (trap) {
        traps.splice(traps.indexOf(trap), 1);
        trap.kill();
        req.socket.destroy();
        trap.sprung(call);
        return;
      }
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (name !== 'content-length' && name !== 'transfer-encoding') out[name] = value;
      });
      res.writeHead(answer.status, out);
      res.end(text);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  const url = await listen(server);
  return {
    apiUrl: `${url}/api/`,
    killWhen: (matches, kill) => new Promise((sprung) => traps.push({ matches, kill, sprung })),
    disarm: () => void traps.splice(0),
    close: closer(server),
  };
}

/** One URL in front of the processes: requests go to each in turn, skipping one that no longer answers. */
export async function startRoundRobin(
  targets: () => string[],
): Promise<{ url: string; served: () => Map<string, number>; close: () => Promise<void> }> {
  let next = 0;
  const served = new Map<string, number>();
  const server = createServer((req, res) => {
    (async () => {
      const body = await readBody(req);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name))
          headers[name] = value;
      }
      const ports = targets();
      for (let tried = 0; tried < ports.length; tried += 1) {
        const port = ports[next++ % ports.length];
        try {
          const answer = await fetch(`http://127.0.0.1:${port}${req.url}`, {
            method: req.method ?? 'POST',
            headers,
            ...(req.method === 'GET' ? {} : { body }),
          });
          const text = await answer.text();
          served.set(String(port), (served.get(String(port)) ?? 0) + 1);
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
          res.end(text);
          return;
        } catch {
          // that replica is gone: the next one answers
        }
      }
      res.writeHead(502);
      res.end('no replica answered');
    })().catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  const url = await listen(server);
  const close = closer(server);
  onTestFinished(close);
  return { url, served: () => new Map(served), close };
}

export type Replica = BotProcess & { name: string; port: string; tap: SlackTap; kill: () => void };

/**
 * A bot process started from the test entry (`test/support/bot-process/main.ts`) with the shared clock, its Web API
 * calls going through a tap. `env` names the database (`DATABASE_PATH` or `DATABASE_URL`).
 */
export async function startReplica(
  fake: FakeSlack,
  clock: SharedClock,
  name: string,
  env: Record<string, string>,
): Promise<Replica> {
  const tap = await startSlackTap(fake);
  const bot = startBotProcess(
    {
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: tap.apiUrl,
      PORT: '0',
      LOG_LEVEL: 'warn',
      TEST_CLOCK_FILE: clock.path,
      TEST_INSTANCE: name,
      ...env,
    },
    'test/support/bot-process/main.ts',
  );
  const kill = () => void bot.child.kill('SIGKILL');
  onTestFinished(async () => {
    kill();
    await tap.close();
  });
  const [, port] = await bot.waitForOutput(/HTTP on port (\d+)/, 60_000);
  return { ...bot, name, port: port as string, tap, kill };
}

/** The test's own look into the replicas' database, and a wait for their scheduled work to settle. */
export type DatabaseView = {
  store: Store;
  /** Resolves once no timer is due or running (except those claimed by `dead` instances) and no run is claimed. */
  settled: (now: Date, dead?: string[]) => Promise<void>;
};

export function viewSqlite(path: string): DatabaseView {
  const database = openDatabase(path);
  onTestFinished(() => database.close());
  const busy = (now: Date, dead: string[]) => {
    const timers = database.sqlite
      .prepare(
        `select count(*) as n from timers where (status = 'pending' and due_at <= ?) or (status = 'running' and claimed_by not in (${dead.map(() => '?').join(',') || "''"}))`,
      )
      .get(now.getTime(), ...dead) as { n: number };
    const runs = database.sqlite
      .prepare(
        `select count(*) as n from occurrences where status = 'claimed' and claimed_by not in (${dead.map(() => '?').join(',') || "''"})`,
      )
      .get(...dead) as { n: number };
    return timers.n + runs.n;
  };
  return { store: createStore(database), settled: (now, dead = []) => until(() => busy(now, dead) === 0) };
}

export async function viewPostgres(url: string): Promise<DatabaseView> {
  const { store, database } = await openPostgresStore(url, { migrate: false });
  onTestFinished(() => database.close());
  const busy = async (now: Date, dead: string[]) => {
    const { rows } = await database.pool.query<{ n: string }>(
      `select (select count(*) from timers where (status = 'pending' and due_at <= $1)
                 or (status = 'running' and not (claimed_by = any($2))))
            + (select count(*) from occurrences where status = 'claimed' and not (claimed_by = any($2))) as n`,
      [now.toISOString(), dead],
    );
    return Number(rows[0]?.n ?? 0);
  };
  return { store, settled: (now, dead = []) => until(async () => (await busy(now, dead)) === 0) };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // Two quiet looks a tick apart: a timer that runs now may schedule the next one.
  let quiet = 0;
  while (quiet < 2) {
    if (Date.now() > deadline) throw new Error('the replicas did not settle');
    quiet = (await condition()) ? quiet + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export { until as waitUntil };
