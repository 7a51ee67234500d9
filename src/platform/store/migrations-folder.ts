import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's `migrations/` folder (or `migrations/postgres`), found from the package root: the nearest folder
 * above this file with a `package.json`. The same from `src/` (tsx, the tests) and from the compiled `dist/`
 * (`npm start`), wherever either sits below the root.
 */
export function migrationsFolder(dialect: 'sqlite' | 'postgres', from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'migrations'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no migrations/ folder above ${fileURLToPath(from)}`);
    dir = parent;
  }
  return dialect === 'sqlite' ? join(dir, 'migrations') : join(dir, 'migrations', 'postgres');
}
