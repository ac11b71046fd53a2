import type { AccessAction } from '@tracker/domain';
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { accessLog, users } from '../schema';

export interface AccessRecord {
  userId: string;
  action: AccessAction;
  entityType: string;
  entityId: string;
  clientAddress: string | null;
}

/** Records reads; one statement however many items a page showed. */
export async function logAccess(db: Database, records: readonly AccessRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.insert(accessLog).values(records.map((r) => ({ ...r, clientAddress: r.clientAddress?.slice(0, 100) ?? null })));
}

export interface AccessLogFilter {
  userId?: string | undefined;
  action?: AccessAction | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** The `seq` of the last entry of the previous page. */
  before?: number | undefined;
  limit: number;
}

/** Newest first, filtered by account, action, record and date (inclusive days, UTC). */
export async function accessLogEntries(db: Database, filter: AccessLogFilter) {
  const conditions: (SQL | undefined)[] = [
    filter.userId ? eq(accessLog.userId, filter.userId) : undefined,
    filter.action ? eq(accessLog.action, filter.action) : undefined,
    filter.entityId ? eq(accessLog.entityId, filter.entityId) : undefined,
    filter.from ? gte(accessLog.at, new Date(`${filter.from}T00:00:00Z`)) : undefined,
    filter.to ? lte(accessLog.at, new Date(`${filter.to}T23:59:59.999Z`)) : undefined,
    filter.before ? lt(accessLog.seq, filter.before) : undefined,
  ];
  const rows = await db
    .select({
      seq: accessLog.seq,
      at: accessLog.at,
      userId: accessLog.userId,
      email: users.email,
      displayName: users.displayName,
      action: accessLog.action,
      entityType: accessLog.entityType,
      entityId: accessLog.entityId,
      clientAddress: accessLog.clientAddress,
    })
    .from(accessLog)
    .innerJoin(users, eq(users.id, accessLog.userId))
    .where(and(...conditions))
    .orderBy(desc(accessLog.seq))
    .limit(filter.limit);
  return rows.map((r) => ({ ...r, seq: Number(r.seq), at: r.at.toISOString() }));
}
