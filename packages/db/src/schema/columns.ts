import { sql } from 'drizzle-orm';
import { check, customType, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** A check constraint that keeps a column inside one of the domain's enumerated value lists. */
export function oneOf(name: string, column: AnyPgColumn, values: readonly (string | number)[]) {
  const literals = values.map((v) => (typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`));
  return check(name, sql`${column} in (${sql.raw(literals.join(', '))})`);
}

/** Same, for a text[] column: every element must come from the list. */
export function allOf(name: string, column: AnyPgColumn, values: readonly string[]) {
  const literals = values.map((v) => `'${v}'`).join(', ');
  return check(name, sql`${column} <@ array[${sql.raw(literals)}]::text[]`);
}

// Millisecond precision, like JavaScript dates: a timestamp read back compares equal to the stored one
// (keyset cursors depend on it).
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
export const createdAt = () => tstz('created_at').notNull().defaultNow();

export const nonEmpty = (name: string, column: AnyPgColumn): ReturnType<typeof check> =>
  check(name, sql`length(trim(${column})) > 0`);

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });
