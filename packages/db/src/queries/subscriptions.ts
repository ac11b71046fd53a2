import { AppError, SUBSCRIPTION_CONFIRM_DAYS, type InterfaceLanguage, type SubscriberMailKind } from '@tracker/domain';
import { and, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { mailOutbox, subscriptions } from '../schema';
import { requireState } from './lookups';
import { mailEnabled } from './notifications';
import { subscriptionOfToken } from './subscription-links';

const confirmWindowMs = SUBSCRIPTION_CONFIRM_DAYS * 24 * 60 * 60 * 1000;

const expiredLink = () => new AppError('BAD_REQUEST', 'This link has expired or the subscription was ended. Subscribe again to get mail.');

/**
 * Asks for mail about one State (or all, `iso3` null) for an address: a confirmation is queued, and
 * nothing else is sent until it is opened. Asking again sends a new confirmation and changes the
 * language; for an address already confirmed it only changes the language. The answer is the same
 * either way, so nobody learns who subscribed.
 */
export async function subscribe(db: Database, input: { email: string; iso3?: string | null | undefined; language: InterfaceLanguage }): Promise<void> {
  if (!mailEnabled()) throw new AppError('SERVICE_UNAVAILABLE', 'This tracker does not send mail, so it cannot take subscriptions. Follow the news feeds instead.');
  const iso3 = input.iso3 ?? null;
  if (iso3) await requireState(db, iso3);
  await db.transaction(async (tx) => {
    await tx.insert(subscriptions).values({ email: input.email, iso3, language: input.language }).onConflictDoNothing();
    const [row] = await tx
      .update(subscriptions)
      .set({ language: input.language })
      .where(and(eq(subscriptions.email, input.email), iso3 ? eq(subscriptions.iso3, iso3) : isNull(subscriptions.iso3)))
      .returning({ id: subscriptions.id, confirmedAt: subscriptions.confirmedAt });
    if (!row || row.confirmedAt) return;
    // A new confirmation restarts the week it may be opened in.
    await tx.update(subscriptions).set({ createdAt: new Date() }).where(eq(subscriptions.id, row.id));
    await tx.insert(mailOutbox).values({ subscriptionId: row.id, kind: 'subscription_confirm' });
  });
}

/** Opens a confirmation link: from now on the address gets mail. Opening it again changes nothing. */
export async function confirmSubscription(db: Database, token: string): Promise<{ iso3: string | null }> {
  const id = await subscriptionOfToken(db, 'confirm', token);
  if (!id) throw expiredLink();
  const [row] = await db
    .update(subscriptions)
    .set({ confirmedAt: sql`coalesce(${subscriptions.confirmedAt}, now())` })
    .where(and(eq(subscriptions.id, id), or(isNotNull(subscriptions.confirmedAt), gt(subscriptions.createdAt, new Date(Date.now() - confirmWindowMs)))))
    .returning({ iso3: subscriptions.iso3 });
  if (!row) throw expiredLink();
  return { iso3: row.iso3 };
}

/**
 * Ends a subscription from the link in any of its mails: the address and anything still queued for
 * it are deleted. Ending one that is already gone says the same.
 */
export async function unsubscribe(db: Database, token: string): Promise<{ unsubscribed: true }> {
  const id = await subscriptionOfToken(db, 'unsubscribe', token);
  if (!id) throw expiredLink();
  await db.delete(subscriptions).where(eq(subscriptions.id, id));
  return { unsubscribed: true };
}

/**
 * Queues, in the caller's transaction, one message to every confirmed subscriber of the State (and
 * of all States) about something the public can now see. Nothing is queued while mail is off.
 */
export async function queueSubscriberMail(tx: Database, message: { kind: Exclude<SubscriberMailKind, 'subscription_confirm'>; entityId: string; iso3: string }): Promise<void> {
  if (!mailEnabled()) return;
  await tx.execute(sql`
    insert into ${mailOutbox} (subscription_id, kind, entity_id, iso3)
    select s.id, ${message.kind}, ${message.entityId}::uuid, ${message.iso3}
    from ${subscriptions} s
    where s.confirmed_at is not null and (s.iso3 = ${message.iso3} or s.iso3 is null)`);
}

/** Forgets addresses never confirmed within the week their link worked. Returns how many. */
export async function forgetUnconfirmedSubscriptions(db: Database, now = new Date()): Promise<number> {
  const gone = await db
    .delete(subscriptions)
    .where(and(isNull(subscriptions.confirmedAt), lt(subscriptions.createdAt, new Date(now.getTime() - confirmWindowMs))))
    .returning({ id: subscriptions.id });
  return gone.length;
}
