/**
 * Builds `dist/` from `src/` with the project's TypeScript compiler (`src/tsconfig.build.json`), so that `npm start`
 * runs plain JavaScript with no loader. Plain JavaScript itself, because it runs before there is a build.
 *
 * The compiler's output (one file per module, about 300 of ours) is then linked by esbuild into `dist/main.js`, with
 * the pure-JavaScript packages it imports, the way production builds usually ship. Loading one file instead of
 * hundreds is most of what a cold start costs beyond a bare Bolt app (Node resolves, reads and compiles each ES
 * module on its own), and a single file without the whitespace takes less memory. Names are kept, so a stack trace
 * still says which function failed; `dist/main.js.map` maps it back to `src/` (`node --enable-source-maps`).
 * Native addons and what is loaded only on demand (charts, PostgreSQL) stay in node_modules: see `EXTERNAL`.
 *
 *   node src/build/build.mjs              build (the `prepare` script, run by `npm ci`)
 *   node src/build/build.mjs --if-stale   build only when something under src/ (or tsconfig.json) is newer than
 *                                         the last build (the `prestart` script): a stale dist/ is never started
 *
 * The build goes to a temporary folder that then replaces `dist/`, so `dist/` holds exactly what `src/` compiles to
 * (a deleted source leaves nothing behind) and a failed build leaves the previous one in place. `dist/.built` is
 * stamped with the time the build started: a file saved while it ran is newer, so the next start builds again.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.built');
const PROJECT = join(SRC, 'tsconfig.build.json');

/** The newest modification time among the build's inputs; folders count, so a deleted or renamed file does too. */
function newestInput() {
  let newest = statSync(join(ROOT, 'tsconfig.json')).mtimeMs;
  const walk = (dir) => {
    newest = Math.max(newest, statSync(dir).mtimeMs);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(SRC);
  return newest;
}

function builtAt() {
  return existsSync(STAMP) && existsSync(join(DIST, 'main.js')) ? statSync(STAMP).mtimeMs : undefined;
}

function compilerPath() {
  try {
    const pkg = createRequire(import.meta.url).resolve('typescript/package.json');
    return join(dirname(pkg), 'bin', 'tsc');
  } catch {
    return undefined;
  }
}

/**
 * Left to node_modules: native addons (they load a compiled `.node` file next to their own code), and packages loaded
 * only when a feature needs them (charts: vega and resvg with its fonts; PostgreSQL: pg), so they cost nothing at
 * start-up. A package missing here is bundled, which only matters if it reads files next to its own code.
 */
const EXTERNAL = ['better-sqlite3', '@resvg/resvg-js', 'vega', 'vega-lite', 'dejavu-fonts-ttf', 'pg'];

/** Bundled CommonJS packages call `require` for Node's built-ins; an ES module has none unless it is made. */
const REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

async function bundle(compiled, outdir) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    console.error('release-bot cannot build dist/: esbuild is not installed (`npm ci` installs it).');
    return false;
  }
  try {
    await esbuild.build({
      entryPoints: [join(compiled, 'main.js')],
      outdir,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      // What is imported lazily (`await import(...)`) becomes a chunk of its own, still loaded only when needed.
      splitting: true,
      minifyWhitespace: true,
      minifySyntax: true,
      sourcemap: 'linked',
      external: EXTERNAL,
      banner: { js: REQUIRE_BANNER },
      logLevel: 'warning',
    });
    return true;
  } catch {
    // esbuild has already printed what failed.
    return false;
  }
}

async function build() {
  const tsc = compilerPath();
  if (!tsc) {
    console.error('release-bot cannot build dist/: the TypeScript compiler is not installed (`npm ci` installs it).');
    return 1;
  }
  const started = new Date();
  const temporary = join(ROOT, `dist.${process.pid}.tmp`);
  rmSync(temporary, { recursive: true, force: true });
  const compiled = join(temporary, 'compiled');
  const result = spawnSync(process.execPath, [tsc, '-p', PROJECT, '--outDir', compiled], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0 || !(await bundle(compiled, temporary))) {
    rmSync(temporary, { recursive: true, force: true });
    console.error('release-bot: building dist/ failed (see the compiler output above); dist/ was left as it was.');
    return 1;
  }
  rmSync(compiled, { recursive: true, force: true });
  writeFileSync(join(temporary, '.built'), 'built from src/ by src/build/build.mjs\n');
  utimesSync(join(temporary, '.built'), started, started);
  const previous = join(ROOT, `dist.${process.pid}.old`);
  try {
    renameSync(DIST, previous);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  try {
    renameSync(temporary, DIST);
  } catch (error) {
    // Another build (a second `npm start` at the same time) put its dist/ in place first: it is as new as ours.
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    rmSync(temporary, { recursive: true, force: true });
  }
  rmSync(previous, { recursive: true, force: true });
  return 0;
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale) {
  const built = builtAt();
  if (built !== undefined && newestInput() <= built) process.exit(0);
  console.error(
    built === undefined ? 'dist/ has not been built: building it.' : 'src/ changed since dist/ was built: rebuilding.',
  );
}
process.exit(await build());
