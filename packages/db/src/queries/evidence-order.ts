import { AppError, evidenceSorts, type EvidenceSort } from '@tracker/domain';
import { asc, desc, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { evidence } from '../schema';
import type { EvidenceRow } from './evidence-view';

/**
 * The orders of the evidence list, and keyset paging in each: a cursor holds the sort key of the
 * last item shown, and the next page is what comes after it in that order, so an item added
 * meanwhile never shifts or repeats a page. Every order ends in the id, so it is total.
 */
type Value = string | number | null;
interface Key {
  column: AnyPgColumn;
  /** The SQL type a cursor value is compared as. */
  type: 'date' | 'timestamptz' | 'uuid' | 'text' | 'smallint';
  direction: 'asc' | 'desc';
  /** Nullable keys sort their nulls last in either direction. */
  nullable?: true;
  of: (row: EvidenceRow) => Value;
}

const published = (direction: 'asc' | 'desc'): Key => ({ column: evidence.publishedOn, type: 'date', direction, nullable: true, of: (r) => r.publishedOn });
const logged = (direction: 'asc' | 'desc'): Key[] => [
  { column: evidence.createdAt, type: 'timestamptz', direction, of: (r) => r.createdAt.toISOString() },
  { column: evidence.id, type: 'uuid', direction, of: (r) => r.id },
];

const orders: Record<EvidenceSort, Key[]> = {
  newest: [published('desc'), ...logged('desc')],
  oldest: [published('asc'), ...logged('asc')],
  best_graded: [
    { column: evidence.reliability, type: 'text', direction: 'asc', of: (r) => r.reliability },
    { column: evidence.credibility, type: 'smallint', direction: 'asc', of: (r) => r.credibility },
    published('desc'),
    ...logged('desc'),
  ],
};

export function orderBy(sort: EvidenceSort): SQL[] {
  return orders[sort].map((key) => {
    const by = key.direction === 'asc' ? asc(key.column) : desc(key.column);
    return key.nullable ? sql`${by} nulls last` : by;
  });
}

/** Rows after `values` in the order: (k1 after v1) or (k1 = v1 and (k2 after v2 or …)). */
export function after(sort: EvidenceSort, values: readonly Value[]): SQL {
  const keys = orders[sort];
  const from = (i: number): SQL => {
    const key = keys[i];
    if (!key) return sql`false`;
    const value = values[i] ?? null;
    const rest = from(i + 1);
    // Nulls come last: after a null only nulls follow; after a value, every null does.
    if (value === null) return sql`(${key.column} is null and ${rest})`;
    const cast = sql`${value}::${sql.raw(key.type)}`;
    const beyond = key.direction === 'asc' ? sql`${key.column} > ${cast}` : sql`${key.column} < ${cast}`;
    return sql`(${beyond} or (${key.column} = ${cast} and ${rest})${key.nullable ? sql` or ${key.column} is null` : sql``})`;
  };
  return from(0);
}

/** Where a row stands in the order: what `after` takes. */
export const sortKey = (sort: EvidenceSort, row: EvidenceRow): Value[] => orders[sort].map((key) => key.of(row));

export function encodeCursor(sort: EvidenceSort, row: EvidenceRow): string {
  return Buffer.from(JSON.stringify([sort, ...sortKey(sort, row)])).toString('base64url');
}

const badCursor = () =>
  new AppError('BAD_REQUEST', 'cursor: use the nextCursor of a previous page, with the same sort.', {
    issues: [{ path: 'cursor', message: 'use the nextCursor of a previous page, with the same sort.' }],
  });

const shapes: Record<Key['type'], (value: unknown) => boolean> = {
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
  timestamptz: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v),
  uuid: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v),
  text: (v) => typeof v === 'string' && v.length <= 8,
  smallint: (v) => Number.isInteger(v) && Math.abs(v as number) < 32768,
};

/** The sort key a cursor holds; refused when it is not one this list gave for this sort. */
export function decodeCursor(sort: EvidenceSort, cursor: string): Value[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const keys = orders[sort];
  if (!Array.isArray(parsed) || parsed[0] !== sort || !evidenceSorts.includes(sort) || parsed.length !== keys.length + 1) throw badCursor();
  const values = parsed.slice(1) as unknown[];
  keys.forEach((key, i) => {
    const value = values[i];
    if (!(value === null ? key.nullable : shapes[key.type](value))) throw badCursor();
  });
  return values as Value[];
}
