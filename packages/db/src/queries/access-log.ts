import type { AccessAction } from '@tracker/domain';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { accessLog, users } from '../schema';
import { logWhere, type LogFilter } from './log-filter';

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

/** Newest first, filtered by account, action, record and date (inclusive days, UTC). */
export async function accessLogEntries(db: Database, filter: LogFilter<AccessAction>) {
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
    .where(logWhere({ ...accessLog, userId: accessLog.userId }, filter))
    .orderBy(desc(accessLog.seq))
    .limit(filter.limit);
  return rows.map((r) => ({ ...r, seq: Number(r.seq), at: r.at.toISOString() }));
}
