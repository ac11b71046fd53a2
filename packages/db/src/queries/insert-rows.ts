import { getTableColumns, getTableName, sql, type InferInsertModel } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../client';

/** A value as `json_populate_recordset` reads it for its column: what the driver would be sent, as JSON. */
function jsonValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * Inserts many rows in one statement whose one parameter is the rows as JSON:
 * `INSERT … SELECT … FROM json_populate_recordset(NULL::table, $1)`. The database reads each value
 * with its column's type. For bulk writes (import) this is several times faster than a multi-row
 * `VALUES` list, which costs a parameter per value to build, send and parse.
 *
 * Every row must give the same columns: a column left out of one row would be null there rather
 * than its default. Values go through each column's own driver mapping first, as Drizzle would
 * send them. Triggers and constraints apply as for any insert.
 */
export async function insertRows<T extends PgTable>(db: Database, table: T, rows: InferInsertModel<T>[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const given = Object.entries(getTableColumns(table)).filter(([key]) => (first as Record<string, unknown>)[key] !== undefined);
  const records = rows.map((row) => {
    const values = row as Record<string, unknown>;
    const record: Record<string, unknown> = {};
    for (const [key, column] of given) {
      const value = values[key];
      if (value === undefined) throw new Error(`insertRows: every row must give ${key}, as the first does.`);
      // JSON columns go in as they are; the driver mapping would make them a JSON string.
      record[column.name] = value === null ? null : column.columnType === 'PgJsonb' || column.columnType === 'PgJson' ? value : jsonValue(column.mapToDriverValue(value));
    }
    if (Object.values(values).filter((value) => value !== undefined).length !== given.length) {
      throw new Error('insertRows: every row must give the same columns as the first.');
    }
    return record;
  });
  const names = sql.raw(given.map(([, column]) => `"${column.name}"`).join(', '));
  const name = sql.raw(`"${getTableName(table)}"`);
  await db.execute(sql`insert into ${name} (${names}) select ${names} from json_populate_recordset(null::${name}, ${JSON.stringify(records)}::json)`);
}
