import { defineConfig } from 'vitest/config';

/**
 * `npm test`'s configuration: vitest's defaults plus the global setup that starts the PostgreSQL cluster. It lives
 * under test/ because the top level keeps only package.json, tsconfig.json and the tools' own config files.
 */
export default defineConfig({
  test: {
    globalSetup: ['test/support/postgres/global-setup.ts'],
    // End-to-end tests start a real bot and a fake Slack: on a busy 2-core machine that alone can take seconds.
    testTimeout: 20_000,
  },
});
