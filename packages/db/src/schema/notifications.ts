import { sql } from 'drizzle-orm';
import { char, check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { interfaceLanguages, noticeKinds, subscriberMailKinds } from '@tracker/domain';
import { recommendations } from './catalogue';
import { createdAt, oneOf, tstz } from './columns';
import { states } from './states';
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
    /** The State a notice about something followed concerns, for its link. */
    iso3: char('iso3', { length: 3 }),
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
    /** A signed-in person's notice, or else a subscriber's message (below): exactly one of the two. */
    notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'cascade' }),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, { onDelete: 'cascade' }),
    /** For a subscriber's message: what it says, about which record and State. */
    kind: text('kind', { enum: subscriberMailKinds }),
    entityId: uuid('entity_id'),
    iso3: char('iso3', { length: 3 }),
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
    index('mail_outbox_subscription_idx').on(t.subscriptionId, t.createdAt),
    check('mail_outbox_one_recipient', sql`(${t.notificationId} is null) <> (${t.subscriptionId} is null)`),
    check('mail_outbox_subscriber_kind', sql`${t.subscriptionId} is null or ${t.kind} is not null`),
    oneOf('mail_outbox_kind_known', t.kind, subscriberMailKinds),
  ],
);

/**
 * What a signed-in person follows: a State or a recommendation (exactly one per row). When verified
 * public evidence or an approved assessment concerns it, they get a notice.
 */
export const follows = pgTable(
  'follows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    iso3: char('iso3', { length: 3 }).references(() => states.iso3, { onDelete: 'cascade' }),
    recommendationId: uuid('recommendation_id').references(() => recommendations.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    check('follows_one_target', sql`(${t.iso3} is null) <> (${t.recommendationId} is null)`),
    uniqueIndex('follows_user_state_unique').on(t.userId, t.iso3).where(sql`${t.iso3} is not null`),
    uniqueIndex('follows_user_recommendation_unique').on(t.userId, t.recommendationId).where(sql`${t.recommendationId} is not null`),
    index('follows_state_idx').on(t.iso3),
    index('follows_recommendation_idx').on(t.recommendationId),
  ],
);

/**
 * A member of the public who asked for mail about one State (or every State, `iso3` null), without
 * an account. Nothing but the confirmation is sent until the address is confirmed (double opt-in);
 * an address not confirmed within a week is forgotten. Links carry a keyed hash of the id, so no
 * token is stored.
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Lower case, as the form normalises it. */
    email: text('email').notNull(),
    iso3: char('iso3', { length: 3 }).references(() => states.iso3, { onDelete: 'cascade' }),
    language: text('language', { enum: interfaceLanguages }).notNull().default('en'),
    createdAt: createdAt(),
    confirmedAt: tstz('confirmed_at'),
  },
  (t) => [
    oneOf('subscriptions_language_known', t.language, interfaceLanguages),
    uniqueIndex('subscriptions_email_state_unique').on(t.email, t.iso3).where(sql`${t.iso3} is not null`),
    uniqueIndex('subscriptions_email_all_unique').on(t.email).where(sql`${t.iso3} is null`),
    index('subscriptions_state_idx').on(t.iso3).where(sql`${t.confirmedAt} is not null`),
  ],
);
