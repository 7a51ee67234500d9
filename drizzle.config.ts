import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  // Every module keeps its own tables; one migration history covers them all.
  schema: ['./src/platform/store/schema.ts', './src/*/store/schema.ts'],
  out: './migrations',
  strict: true,
});
