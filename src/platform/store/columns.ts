import { integer } from 'drizzle-orm/sqlite-core';

/** Instants are stored as milliseconds and written from the use case's clock, never from an SQL default. */
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
