// The resolve hook behind refuse-pg.mjs.
const REFUSED = /^(pg|pg-pool|pg-native|drizzle-orm\/node-postgres)(\/|$)/;

export async function resolve(specifier, context, next) {
  if (REFUSED.test(specifier)) throw new Error(`refused to load ${specifier}: this bot runs on SQLite`);
  return next(specifier, context);
}
