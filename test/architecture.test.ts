import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): Array<{ path: string; text: string; imports: string[] }> {
  return readdirSync(join(SRC, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      const text = readFileSync(path, 'utf8');
      const imports = [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1] as string);
      return { path: relative(SRC, path), text, imports };
    });
}

const LIBRARIES = /^(@slack\/|drizzle-orm|better-sqlite3|node-cron|zod|node:)/;

test('the domain is pure: no libraries, no adapters, no clock, no randomness, no environment', () => {
  for (const file of sourceFiles('domain')) {
    for (const spec of file.imports) {
      expect(LIBRARIES.test(spec) || !spec.startsWith('./'), `${file.path} imports ${spec}`).toBe(false);
    }
    expect(file.text, file.path).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random|randomUUID|process\.env/);
  }
});

test('use cases speak to the world only through ports', () => {
  for (const file of sourceFiles('usecases')) {
    for (const spec of file.imports) {
      const allowed = spec.startsWith('./') || spec.startsWith('../domain/');
      expect(allowed, `${file.path} imports ${spec}`).toBe(true);
    }
    expect(file.text, file.path).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random|randomUUID|process\.env/);
  }
});

test('adapters do not reach into each other', () => {
  const rules: Array<[string, RegExp]> = [
    ['store', /\/(slack|usecases|scheduler)\//],
    ['slack', /\/(store|scheduler)\/|better-sqlite3|node-cron/],
    ['scheduler', /\/(slack|store)\//],
  ];
  for (const [dir, forbidden] of rules) {
    for (const file of sourceFiles(dir)) {
      for (const spec of file.imports) expect(forbidden.test(spec), `${file.path} imports ${spec}`).toBe(false);
    }
  }
});

test('only the composition root reads the environment', () => {
  for (const dir of ['domain', 'usecases', 'store', 'slack', 'scheduler']) {
    for (const file of sourceFiles(dir)) expect(file.text, file.path).not.toContain('process.env');
  }
});
