import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';

/**
 * Import rules (no cycles, pure domain, module boundaries, adapters apart) are dependency-cruiser's job
 * (`.dependency-cruiser.cjs`, run by `npm run check:deps`). What it cannot see is what a file *does* with the
 * globals it needs no import for: the clock, randomness, the environment. Those rules stay here.
 */
const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(): Array<{ path: string; text: string }> {
  return readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path: relative(SRC, path), text: readFileSync(path, 'utf8') };
    });
}

const AMBIENT = /Date\.now\(|new Date\(\)|Math\.random|randomUUID|process\.env/;

test('domain files and use cases read no clock, no randomness and no environment: time is a parameter', () => {
  const pure = sourceFiles().filter((file) => /^[^/]+\/(domain|usecases)\//.test(file.path));
  expect(pure.length).toBeGreaterThan(50);
  for (const file of pure) expect(file.text, file.path).not.toMatch(AMBIENT);
});

test('only the composition root reads the environment', () => {
  for (const file of sourceFiles().filter((f) => f.path.includes('/'))) {
    expect(file.text, file.path).not.toContain('process.env');
  }
});
