import { and, eq, gte, lt, lte, type AnyColumn, type SQL } from 'drizzle-orm';

/** What both logs (changes and reads) are filtered by; see logFilter in the domain. */
export interface LogFilter<A extends string = string> {
  userId?: string | undefined;
  action?: A | undefined;
  entityId?: string | undefined;
  /** Inclusive days, UTC. */
  from?: string | undefined;
  to?: string | undefined;
  /** The `seq` of the last entry of the previous page. */
  before?: number | undefined;
  limit: number;
}

/** The log's columns a filter looks at. */
interface LogColumns {
  seq: AnyColumn;
  at: AnyColumn;
  userId: AnyColumn;
  action: AnyColumn;
  entityId: AnyColumn;
}

/** One condition for a log filter, on whichever log's columns. */
export function logWhere(columns: LogColumns, filter: LogFilter): SQL | undefined {
  return and(
    filter.userId ? eq(columns.userId, filter.userId) : undefined,
    filter.action ? eq(columns.action, filter.action) : undefined,
    filter.entityId ? eq(columns.entityId, filter.entityId) : undefined,
    filter.from ? gte(columns.at, new Date(`${filter.from}T00:00:00Z`)) : undefined,
    filter.to ? lte(columns.at, new Date(`${filter.to}T23:59:59.999Z`)) : undefined,
    filter.before ? lt(columns.seq, filter.before) : undefined,
  );
}
