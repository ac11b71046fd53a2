import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { noticeKinds } from '@tracker/domain';
import { createdAt, oneOf, tstz } from './columns';
import { users } from './users';

/**
 * What the tracker tells a person (a decision on their work, items awaiting their review, a change
 * to their account): their in-app inbox. A notice names the kind and the record, never its content,
 * so nothing confidential is copied here; the page it links to applies the usual access rules.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: noticeKinds }).notNull(),
    /** The record the notice is about: an evidence item or an assessment; null for the account itself. */
    entityId: uuid('entity_id'),
    /** For a review digest: how many items awaited review, and the day it covers (one a day). */
    count: integer('count'),
    digestOn: date('digest_on', { mode: 'string' }),
    createdAt: createdAt(),
    readAt: tstz('read_at'),
  },
  (t) => [
    oneOf('notifications_kind_known', t.kind, noticeKinds),
    index('notifications_user_idx').on(t.userId, t.createdAt.desc()),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
    uniqueIndex('notifications_digest_unique').on(t.userId, t.digestOn),
  ],
);

/**
 * Mail waiting to be sent, written in the same transaction as the notice it carries, so a notice
 * is never mailed without having happened, nor lost because the mail server was down. A sender
 * claims due rows (one sender per row, however many servers run), sends, and marks them sent; a
 * failure is retried later with backoff. The text is rendered when sent, in the recipient's language.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at').notNull().defaultNow(),
    /** A sender holds the row until then; past it, another may take it over. */
    claimedUntil: tstz('claimed_until'),
    sentAt: tstz('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [
    index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.sentAt} is null`),
    uniqueIndex('mail_outbox_notification_unique').on(t.notificationId),
  ],
);
