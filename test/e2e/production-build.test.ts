/**
 * Issue 19: `npm start` runs the compiled `dist/` with plain node. The build script (`src/build/build.mjs`) is tried in
 * a throwaway copy of the layout (two sources, the real compiler through a link to node_modules), and the real
 * `dist/main.js` is started as `npm start` starts it.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, onTestFinished, test } from 'vitest';
import { FAKE_USERS, SIGNING_SECRET } from '../helpers/e2e.ts';
import { CAST, CHANNEL } from '../helpers/people.ts';
import { startBotProcess } from '../helpers/process.ts';
import { createSlackDriver } from '../support/fake-slack/driver.ts';
import { startFakeSlack } from '../support/fake-slack/fake-slack.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const REFUSE_PG = `--import=${join(ROOT, 'test', 'support', 'postgres', 'refuse-pg.mjs')}`;
const run = promisify(execFile);

/** A package with the real build script and tsconfig files and two sources of its own. */
function scratchPackage() {
  const dir = mkdtempSync(join(tmpdir(), 'release-bot-build-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'src', 'build'), { recursive: true });
  copyFileSync(join(ROOT, 'src', 'build', 'build.mjs'), join(dir, 'src', 'build', 'build.mjs'));
  copyFileSync(join(ROOT, 'src', 'tsconfig.build.json'), join(dir, 'src', 'tsconfig.build.json'));
  copyFileSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'src', 'greet.ts'), "export const greet = (who: string): string => 'hello ' + who;\n");
  writeFileSync(join(dir, 'src', 'main.ts'), "import { greet } from './greet.ts';\nconsole.log(greet('dist'));\n");
  const build = async (...args: string[]) => {
    const { stderr } = await run(process.execPath, [join(dir, 'src', 'build', 'build.mjs'), ...args], { cwd: dir });
    return stderr;
  };
  const start = async () => (await run(process.execPath, [join(dir, 'dist', 'main.js')], { cwd: dir })).stdout;
  /** Marks a file as saved a little later than everything built so far. */
  const touchLater = (path: string) => {
    const later = new Date(Date.now() + 5000);
    utimesSync(path, later, later);
  };
  return { dir, build, start, touchLater };
}

test('the build compiles src/ to one plain JavaScript file that node runs, and --if-stale rebuilds only what changed', async () => {
  const pkg = scratchPackage();
  expect(await pkg.build('--if-stale')).toContain('dist/ has not been built');
  // Linked into one file (nothing to resolve module by module at start-up), with a map back to the TypeScript.
  const main = readFileSync(join(pkg.dir, 'dist', 'main.js'), 'utf8');
  expect(main).toContain('hello');
  expect(main).not.toContain('greet.js');
  expect(existsSync(join(pkg.dir, 'dist', 'greet.js'))).toBe(false);
  const map = JSON.parse(readFileSync(join(pkg.dir, 'dist', 'main.js.map'), 'utf8')) as { sources: string[] };
  expect(map.sources).toEqual(expect.arrayContaining(['../src/greet.ts', '../src/main.ts']));
  expect(await pkg.start()).toBe('hello dist\n');
  const stamp = statSync(join(pkg.dir, 'dist', '.built')).mtimeMs;

  // Nothing newer: nothing is built (the stamp stays), and nothing is said.
  expect(await pkg.build('--if-stale')).toBe('');
  expect(statSync(join(pkg.dir, 'dist', '.built')).mtimeMs).toBe(stamp);

  // A changed source is rebuilt before the start.
  writeFileSync(join(pkg.dir, 'src', 'greet.ts'), "export const greet = (who: string): string => 'hi ' + who;\n");
  pkg.touchLater(join(pkg.dir, 'src', 'greet.ts'));
  expect(await pkg.build('--if-stale')).toContain('src/ changed since dist/ was built');
  expect(await pkg.start()).toBe('hi dist\n');

  // A source deleted (its folder is newer) is rebuilt too, and its old output is gone with it.
  writeFileSync(join(pkg.dir, 'src', 'main.ts'), "console.log('alone');\n");
  rmSync(join(pkg.dir, 'src', 'greet.ts'));
  pkg.touchLater(join(pkg.dir, 'src'));
  expect(await pkg.build('--if-stale')).toContain('src/ changed since dist/ was built');
  expect(await pkg.start()).toBe('alone\n');
  expect(existsSync(join(pkg.dir, 'dist', 'greet.js'))).toBe(false);
}, 120_000);

test('a build that fails leaves the previous dist/ in place and says so', async () => {
  const pkg = scratchPackage();
  await pkg.build();
  writeFileSync(join(pkg.dir, 'src', 'greet.ts'), 'export const greet = (who: string => {\n');
  pkg.touchLater(join(pkg.dir, 'src', 'greet.ts'));
  const failed = await pkg.build('--if-stale').then(
    () => 'built',
    (error: { stderr: string; code: number }) => `${error.code} ${error.stderr}`,
  );
  expect(failed).toMatch(/^1 [\s\S]*building dist\/ failed/);
  expect(await pkg.start()).toBe('hello dist\n');
}, 120_000);

test('dist/main.js runs under plain node: migrations found from dist/, a signed command answered, pg never loaded', async () => {
  // The repository's own dist/, as `npm start` would start it (its prestart builds it when src/ is newer).
  await run(process.execPath, [join(ROOT, 'src', 'build', 'build.mjs'), '--if-stale'], { cwd: ROOT });
  const fake = await startFakeSlack({ users: FAKE_USERS, channels: [{ id: CHANNEL, name: 'release' }] });
  const dir = mkdtempSync(join(tmpdir(), 'release-bot-dist-'));
  onTestFinished(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const bot = startBotProcess(
    {
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      DATABASE_PATH: join(dir, 'bot.sqlite'),
      NODE_OPTIONS: REFUSE_PG,
    },
    'dist/main.js',
  );
  onTestFinished(() => void bot.child.kill('SIGKILL'));
  const [, port] = await bot.waitForOutput(/HTTP on port (\d+)/, 30_000);
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect([health.status, await health.json()]).toEqual([200, { status: 'ready', database: 'migrated' }]);
  const driver = createSlackDriver({
    fake,
    appUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SIGNING_SECRET,
  });
  const sent = await driver.command({ userId: CAST.rm.id, channelId: CHANNEL, text: 'create 2.4.0 target:2026-12-10' });
  const reply = await fake.waitFor(() => fake.responseUrlPosts.find((p) => p.url === sent.responseUrl), {
    timeoutMs: 5000,
  });
  expect(JSON.stringify(reply.body)).toContain('created release *2.4.0*');
  bot.child.kill('SIGTERM');
  expect(await bot.exited).toBe(0);
}, 120_000);
