import { bigint, timestamp } from 'drizzle-orm/pg-core';

/**
 * Instants are `timestamptz`, read back as a `Date` and written from the use case's clock, never from an SQL
 * default. Microsecond precision keeps every millisecond the SQLite store keeps.
 */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Durations in milliseconds: SQLite's integers are 64-bit, and an `integer` would cap them at 24 days. */
export const milliseconds = (name: string) => bigint(name, { mode: 'number' });
