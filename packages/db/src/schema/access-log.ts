import { accessActions } from '@tracker/domain';
import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { oneOf, tstz } from './columns';
import { users } from './users';

/**
 * Who read the testimony: every read of a confidential item's content, every download of a
 * non-public attachment and every export by a signed-in user. Kept apart from the change ledger
 * (reads are not changes) and included in backups.
 */
export const accessLog = pgTable(
  'access_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: tstz('at').notNull().defaultNow(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    action: text('action', { enum: accessActions }).notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    clientAddress: text('client_address'),
  },
  (t) => [
    oneOf('access_log_action_known', t.action, accessActions),
    index('access_log_at_idx').on(t.at.desc()),
    index('access_log_user_idx').on(t.userId, t.at.desc()),
    index('access_log_entity_idx').on(t.entityId),
  ],
);
