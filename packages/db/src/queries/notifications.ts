import { AppError, mailTopicOf, type InterfaceLanguage, type MailTopic, type NoticeKind, type SubscriberMailKind } from '@tracker/domain';
import { and, count, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { assessments, evidence, mailOutbox, notifications, subscriptions, users } from '../schema';
import { subscriberLinks, type SubscriberLinks } from './subscription-links';
import { anyOf } from './any-of';

let mailing = false;

/**
 * Whether this process sends mail (TRACKER_SMTP_URL is set). Without it, notices go to the inbox
 * only and nothing is queued that would be sent, much later, once mail is configured.
 */
export function useMail(enabled: boolean): void {
  mailing = enabled;
}

/** Whether mail is sent at all: without it, nothing is queued, and nobody can subscribe by mail. */
export const mailEnabled = () => mailing;

export interface Notice {
  userId: string;
  kind: NoticeKind;
  entityId?: string | null;
  /** The State a notice about something followed concerns. */
  iso3?: string | null;
  count?: number | null;
  digestOn?: string | null;
}

/**
 * Tells a person something, in the caller's transaction: the notice lands in their inbox and, when
 * this process sends mail and they want this kind by mail, in the outbox. Returns the notice's id,
 * or null when it was there already (a review digest is one a day).
 */
export async function notify(tx: Database, notice: Notice): Promise<string | null> {
  const [row] = await tx
    .insert(notifications)
    .values({ userId: notice.userId, kind: notice.kind, entityId: notice.entityId ?? null, iso3: notice.iso3 ?? null, count: notice.count ?? null, digestOn: notice.digestOn ?? null })
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  if (!row) return null;
  if (mailing) {
    const [person] = await tx.select({ mailOff: users.mailOff, active: users.active, isDemo: users.isDemo }).from(users).where(eq(users.id, notice.userId));
    if (person?.active && !person.isDemo && !person.mailOff.includes(mailTopicOf(notice.kind))) await tx.insert(mailOutbox).values({ notificationId: row.id });
  }
  return row.id;
}

const NOTICES_PAGE = 50;

/** A person's notices, newest first, with how many are unread. */
export async function listNotifications(db: Database, userId: string, input: { unreadOnly?: boolean | undefined; before?: string | undefined }) {
  const mine = eq(notifications.userId, userId);
  const where = and(mine, input.unreadOnly ? isNull(notifications.readAt) : undefined, input.before ? lt(notifications.createdAt, new Date(input.before)) : undefined);
  const [items, [unread]] = await Promise.all([
    db
      .select({ id: notifications.id, kind: notifications.kind, entityId: notifications.entityId, iso3: notifications.iso3, count: notifications.count, createdAt: notifications.createdAt, readAt: notifications.readAt })
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(NOTICES_PAGE),
    db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt))),
  ]);
  return {
    items: items.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })),
    unread: unread?.n ?? 0,
  };
}

/** Marks the person's own notices read (the ones named, or all); another person's ids change nothing. */
export async function markNotificationsRead(db: Database, userId: string, ids: readonly string[] | 'all'): Promise<number> {
  const done = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids === 'all' ? undefined : anyOf(notifications.id, ids)))
    .returning({ id: notifications.id });
  return done.length;
}

export async function mailPreferences(db: Database, userId: string): Promise<{ language: InterfaceLanguage; mailOff: MailTopic[] }> {
  const [row] = await db.select({ language: users.language, mailOff: users.mailOff }).from(users).where(eq(users.id, userId));
  if (!row) throw new AppError('NOT_FOUND', 'Account not found.');
  return { language: row.language, mailOff: row.mailOff };
}

export async function setMailPreferences(db: Database, userId: string, input: { language: InterfaceLanguage; mailOff: readonly MailTopic[] }) {
  await db
    .update(users)
    .set({ language: input.language, mailOff: [...new Set(input.mailOff)], updatedAt: new Date() })
    .where(eq(users.id, userId));
  return mailPreferences(db, userId);
}

/** A message due for sending, with what its text needs. */
export interface DueMail {
  id: string;
  attempts: number;
  kind: NoticeKind | SubscriberMailKind;
  entityId: string | null;
  iso3: string | null;
  count: number | null;
  email: string;
  /** The account's name; null for a subscriber, who has no account. */
  displayName: string | null;
  language: InterfaceLanguage;
  /** For a subscriber: the links that confirm the address and end the subscription. */
  subscriber: SubscriberLinks | null;
}

/**
 * Takes up to `limit` due messages for `leaseMs`: one sender per message, however many servers share
 * the database (rows another sender holds are skipped). A sender that dies holding some leaves them
 * to be taken again once the lease runs out.
 */
export async function claimDueMail(db: Database, limit: number, leaseMs: number): Promise<DueMail[]> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const due = await tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(isNull(mailOutbox.sentAt), sql`${mailOutbox.nextAttemptAt} <= ${now.toISOString()}::timestamptz`, or(isNull(mailOutbox.claimedUntil), lt(mailOutbox.claimedUntil, now))))
      .orderBy(mailOutbox.nextAttemptAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    await tx
      .update(mailOutbox)
      .set({ claimedUntil: new Date(now.getTime() + leaseMs), attempts: sql`${mailOutbox.attempts} + 1` })
      .where(inArray(mailOutbox.id, ids));
    const rows = await tx
      .select({
        id: mailOutbox.id,
        attempts: mailOutbox.attempts,
        notice: { kind: notifications.kind, entityId: notifications.entityId, iso3: notifications.iso3, count: notifications.count },
        account: { email: users.email, displayName: users.displayName, language: users.language },
        message: { kind: mailOutbox.kind, entityId: mailOutbox.entityId, iso3: mailOutbox.iso3 },
        subscription: { id: subscriptions.id, email: subscriptions.email, language: subscriptions.language },
      })
      .from(mailOutbox)
      .leftJoin(notifications, eq(notifications.id, mailOutbox.notificationId))
      .leftJoin(users, eq(users.id, notifications.userId))
      .leftJoin(subscriptions, eq(subscriptions.id, mailOutbox.subscriptionId))
      .where(inArray(mailOutbox.id, ids));
    const mails: DueMail[] = [];
    for (const r of rows) {
      if (r.notice && r.account) {
        mails.push({ id: r.id, attempts: r.attempts, ...r.notice, ...r.account, subscriber: null });
      } else if (r.subscription && r.message.kind) {
        const { kind, entityId, iso3 } = r.message;
        mails.push({ id: r.id, attempts: r.attempts, kind, entityId, iso3, count: null, email: r.subscription.email, displayName: null, language: r.subscription.language, subscriber: await subscriberLinks(tx, r.subscription.id) });
      }
    }
    return mails;
  });
}

export async function markMailSent(db: Database, id: string): Promise<void> {
  await db.update(mailOutbox).set({ sentAt: new Date(), claimedUntil: null, lastError: null }).where(eq(mailOutbox.id, id));
}

/** Puts a message back for another try at `retryAt`, saying why it failed. */
export async function markMailFailed(db: Database, id: string, error: string, retryAt: Date): Promise<void> {
  await db
    .update(mailOutbox)
    .set({ claimedUntil: null, nextAttemptAt: retryAt, lastError: error.slice(0, 500) })
    .where(eq(mailOutbox.id, id));
}

/** How much mail waits, and how much has failed at least once: for the health page and the log. */
export async function outboxState(db: Database): Promise<{ waiting: number; retrying: number }> {
  const [row] = await db
    .select({ waiting: count(), retrying: sql<number>`count(*) filter (where ${mailOutbox.lastError} is not null)::int` })
    .from(mailOutbox)
    .where(isNull(mailOutbox.sentAt));
  return { waiting: row?.waiting ?? 0, retrying: row?.retrying ?? 0 };
}

/**
 * Tells each active reviewer and administrator how many items await a decision they may take (not
 * their own work), once for `day`: the unique day per person makes a second call, or a second
 * server, change nothing. Returns how many digests were queued.
 */
export async function queueReviewDigests(db: Database, day: string): Promise<number> {
  // Spelled out: inside the subqueries a bare column name would be read as the subquery's own.
  const me = sql.raw('"users"."id"');
  const waiting = await db
    .select({
      id: users.id,
      n: sql<number>`(
        (select count(*) from ${evidence} e
          where (e.status = 'submitted' or e.pending_by is not null)
            and e.created_by <> ${me} and e.content_changed_by <> ${me} and coalesce(e.pending_by, e.created_by) <> ${me})
        + (select count(*) from ${assessments} a where a.review_state = 'proposed' and a.assessor_id <> ${me})
      )::int`,
    })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ['reviewer', 'admin'])));
  let queued = 0;
  for (const row of waiting) {
    if (row.n <= 0) continue;
    await db.transaction(async (tx) => {
      if (await notify(tx, { userId: row.id, kind: 'review_digest', count: row.n, digestOn: day })) queued += 1;
    });
  }
  return queued;
}
