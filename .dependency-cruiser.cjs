/**
 * The architecture's import rules, checked by `npm run check:deps` (part of `.ci/run`). The map is in README.md:
 * the kernel (src/core) at the bottom, the capability modules above it, the platform adapters beside them, and the
 * composition root (src/*.ts) on top.
 */
const MODULES = '(releases|polls|cadence|escalation|governance|reporting|gate|api|github)';
const DOMAIN = '^src/(core|releases|polls|cadence|escalation|governance|reporting|gate|api|github)/domain/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only imports included: a cycle means two files that cannot be read apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'A domain file (src/core/domain, src/<module>/domain) imports only other domain files: no Slack, no ' +
        'database, no scheduler, no library, no Node built-in. Clock and randomness are checked by test/architecture.test.ts.',
      from: { path: DOMAIN },
      to: { pathNot: DOMAIN },
    },
    {
      name: 'modules-meet-through-entry-files',
      severity: 'error',
      comment:
        'A module reaches another module only through its index.ts, its pure domain, or (for foreign keys) its ' +
        'store/schema.ts and store/postgres/schema.ts. Everything else in a module folder is its own.',
      from: { path: `^src/${MODULES}/` },
      to: {
        path: `^src/${MODULES}/`,
        pathNot: ['^src/$1/', `^src/${MODULES}/(index\\.ts$|domain/|store/(postgres/)?schema\\.ts$)`],
      },
    },
    {
      name: 'kernel-stands-alone',
      severity: 'error',
      comment: 'The shared kernel (src/core) knows no module, no adapter and no composition root.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'nothing-imports-the-composition-root',
      severity: 'error',
      comment:
        'src/*.ts (main, bot, deps, store, postgres-store, open-store, contributions, commands, listeners, config, ' +
        'logger, db-copy) wire the rest.',
      from: { path: '^src/[^/]+/' },
      to: { path: '^src/[^/]+\\.ts$' },
    },
    {
      name: 'adapters-do-not-reach-into-each-other',
      severity: 'error',
      comment: 'platform/slack, platform/store and platform/scheduler are independent adapters.',
      from: { path: '^src/platform/([^/]+)/' },
      to: { path: '^src/platform/', pathNot: '^src/platform/$1/' },
    },
    {
      name: 'platform-knows-no-module',
      severity: 'error',
      comment: 'Adapters serve the modules, never the reverse (the kernel tables reference releases by foreign key).',
      from: { path: '^src/platform/', pathNot: '^src/platform/store/(postgres/)?schema\\.ts$' },
      to: { path: `^src/${MODULES}/` },
    },
    {
      name: 'use-cases-speak-through-ports',
      severity: 'error',
      comment:
        'Use cases reach the world through the ports in their deps: no Slack surface, no store implementation, ' +
        'no platform adapter, no library, no Node built-in.',
      from: { path: '^src/([^/]+)/usecases/' },
      to: {
        path: ['^src/[^/]+/(slack|store)/', '^src/platform/'],
      },
    },
    {
      name: 'use-cases-use-no-libraries',
      severity: 'error',
      from: { path: '^src/([^/]+)/usecases/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core'] },
    },
    {
      name: 'slack-surface-has-no-database',
      severity: 'error',
      comment: 'Handlers and views go through use cases; only stores touch the database, only the scheduler ticks.',
      from: { path: ['^src/[^/]+/(slack|http)/', '^src/platform/slack/'] },
      to: { path: ['^src/[^/]+/store/', '^src/platform/(store|scheduler)/', 'node_modules/(better-sqlite3|pg|drizzle-orm|node-cron)/'] },
    },
    {
      name: 'stores-have-no-slack',
      severity: 'error',
      from: { path: ['^src/[^/]+/store/', '^src/platform/store/'] },
      to: { path: ['^src/[^/]+/(slack|usecases)/', '^src/platform/(slack|scheduler)/', 'node_modules/@slack/'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // TypeScript 7 has no compiler API for dependency-cruiser to use; swc parses the sources.
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'], exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
