import { execFile } from 'node:child_process';
import {
  accessSync,
  appendFileSync,
  chownSync,
  constants,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A PostgreSQL server the tests may create databases on: `url` names its `postgres` database, as a superuser. */
export type PostgresServer = { url: string; stop: () => Promise<void> };

/** What to do when there is no PostgreSQL: said once, wherever the tests notice. */
export const NO_POSTGRES =
  'PostgreSQL is not installed: install it (Debian: apt-get install postgresql; .ci/run does) so the tests can start ' +
  'a throwaway cluster, or set TEST_DATABASE_URL to a server where they may create databases.';

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The folder holding `initdb` and `pg_ctl`: on the PATH, or where Debian's packages put them, which is not on the
 * PATH (`/usr/lib/postgresql/<version>/bin`, the newest version first).
 */
export function findPostgresBin(): string | undefined {
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  let debian: string[] = [];
  try {
    debian = readdirSync('/usr/lib/postgresql')
      .filter((version) => /^\d+$/.test(version))
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => `/usr/lib/postgresql/${version}/bin`);
  } catch {
    // No Debian package installed.
  }
  return [...onPath, ...debian].find((dir) => isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'pg_ctl')));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * `initdb` refuses to run as root, and so does the server: as root, both run as the `postgres` user that Debian's
 * package creates, in a folder that user owns.
 */
async function asServerUser(): Promise<{
  wrap: (command: string, args: string[]) => [string, string[]];
  uid?: number;
  gid?: number;
}> {
  if (process.getuid?.() !== 0) return { wrap: (command, args) => [command, args] };
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  let uid: number;
  let gid: number;
  try {
    [uid, gid] = [await id('-u'), await id('-g')];
  } catch {
    throw new Error('running as root, but there is no postgres user to run the test cluster as');
  }
  return { wrap: (command, args) => ['runuser', ['-u', 'postgres', '--', command, ...args]], uid, gid };
}

/**
 * Starts a throwaway cluster in a temporary folder on a free local port: trust authentication on 127.0.0.1 only, no
 * Unix socket, and no fsync (nothing in it needs to survive a crash). `stop` shuts it down and deletes the folder.
 */
export async function startCluster(bin: string): Promise<PostgresServer> {
  const user = await asServerUser();
  const dir = mkdtempSync(join(tmpdir(), 'release-bot-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (user.uid !== undefined && user.gid !== undefined) chownSync(dir, user.uid, user.gid);
  const exec = (tool: string, args: string[]) => {
    const [command, argv] = user.wrap(join(bin, tool), args);
    // The cluster's own folder as the working directory: the postgres user may not be allowed into the repository's.
    return run(command, argv, { cwd: dir, timeout: 120_000 });
  };
  const removeFolder = () => rmSync(dir, { recursive: true, force: true });
  try {
    await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const port = await freePort();
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        '',
        '# release-bot test cluster',
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = ''",
        'max_connections = 200',
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        '',
      ].join('\n'),
    );
    await exec('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
    let stopped: Promise<void> | undefined;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop() {
        stopped ??= exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
          .then(() => undefined)
          .finally(removeFolder);
        return stopped;
      },
    };
  } catch (error) {
    let serverLog = '';
    try {
      serverLog = readFileSync(log, 'utf8').slice(-2000);
    } catch {
      // The server never got as far as a log.
    }
    removeFolder();
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`could not start the test PostgreSQL cluster: ${message}${serverLog ? `\n${serverLog}` : ''}`);
  }
}
