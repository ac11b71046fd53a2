import { linkToken, seedCatalogue, useMail } from '@tracker/db';
import * as t from '@tracker/db/schema';
import { createUser, describeEachDb, type TestUser } from '@tracker/db/testing';
import { eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callerAs, errorOf, verifiedEvidence } from './support';

const SECRET = 'FOLLOWED-TESTIMONY-7731';

describeEachDb('following States and recommendations, and the public subscribing by mail', (suite) => {
  let monitor: TestUser;
  let reviewer: TestUser;
  let policymaker: TestUser;
  let stateFollower: TestUser;
  const as = (user: TestUser | null) => callerAs(suite.db, user);
  const subscriberMail = () => suite.db.select({ kind: t.mailOutbox.kind, entityId: t.mailOutbox.entityId, email: t.subscriptions.email }).from(t.mailOutbox).innerJoin(t.subscriptions, eq(t.subscriptions.id, t.mailOutbox.subscriptionId));
  const subscriptionOf = async (email: string) => (await suite.db.select().from(t.subscriptions).where(eq(t.subscriptions.email, email)))[0];

  beforeAll(async () => {
    useMail(true);
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
    reviewer = await createUser(suite.db, 'reviewer');
    policymaker = await createUser(suite.db, 'policymaker');
    stateFollower = await createUser(suite.db, 'policymaker');
  });
  afterAll(() => useMail(false));

  it('a signed-in person follows and stops following a State or a recommendation; following twice changes nothing', async () => {
    await as(policymaker).follows.add({ recommendationKey: 'a.6' });
    await as(policymaker).follows.add({ recommendationKey: 'A.6' });
    expect(await as(stateFollower).follows.add({ iso3: 'mmr' })).toEqual({ states: ['MMR'], recommendations: [] });
    expect(await as(policymaker).follows.list()).toEqual({ states: [], recommendations: ['A.6'] });
    await as(policymaker).follows.add({ iso3: 'THA' });
    expect(await as(policymaker).follows.remove({ iso3: 'THA' })).toEqual({ states: [], recommendations: ['A.6'] });
    // Each person sees only their own.
    expect(await as(monitor).follows.list()).toEqual({ states: [], recommendations: [] });
  });

  it('refuses a target that is not in the catalogue, two targets at once, and the public', async () => {
    expect((await errorOf(as(policymaker).follows.add({ iso3: 'XXX' }))).code).toBe('BAD_REQUEST');
    expect((await errorOf(as(policymaker).follows.add({ recommendationKey: 'Z.99' }))).code).toBe('BAD_REQUEST');
    expect((await errorOf(as(policymaker).follows.add({ iso3: 'KHM', recommendationKey: 'A.1' }))).code).toBe('BAD_REQUEST');
    expect((await errorOf(as(policymaker).follows.add({}))).code).toBe('BAD_REQUEST');
    expect((await errorOf(as(null).follows.add({ iso3: 'KHM' }))).code).toBe('UNAUTHORIZED');
    expect((await errorOf(as(null).follows.list())).code).toBe('UNAUTHORIZED');
  });

  it('tells followers of the State or a recommendation when public evidence is verified or an assessment approved, never about confidential items', async () => {
    const before = (await as(policymaker).notifications.list()).items.length;
    const item = await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'MMR', recommendationKeys: ['A.6'], title: 'A public court ruling' });
    await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'MMR', recommendationKeys: ['A.6'], title: `${SECRET} survivor account`, visibility: 'confidential', containsPersonalData: true, kind: 'testimony' });
    await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'MMR', recommendationKeys: ['A.6'], title: 'Restricted notes', visibility: 'restricted' });
    const forRec = (await as(policymaker).notifications.list()).items;
    expect(forRec.length - before).toBe(1);
    expect(forRec[0]).toMatchObject({ kind: 'followed_evidence', entityId: item.id, iso3: 'MMR' });
    expect((await as(stateFollower).notifications.list()).items.map((n) => [n.kind, n.entityId])).toEqual([['followed_evidence', item.id]]);
    // Evidence on another State and another recommendation reaches neither.
    await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'PHL', recommendationKeys: ['A.1'] });
    expect((await as(stateFollower).notifications.list()).items.length).toBe(1);
    // An approved assessment of the State reaches its follower; a returned one nobody.
    const proposed = await as(monitor).assessments.propose({ iso3: 'MMR', recommendationKey: 'A.2', status: 'committed', rationale: 'A plan was published.', effectiveFrom: '2025-01-01', evidenceIds: [] });
    await as(reviewer).assessments.review({ id: proposed.id, decision: 'approve', note: 'Plan checked.' });
    const returned = await as(monitor).assessments.propose({ iso3: 'MMR', recommendationKey: 'A.3', status: 'committed', rationale: 'A plan was announced.', effectiveFrom: '2025-01-01', evidenceIds: [] });
    await as(reviewer).assessments.review({ id: returned.id, decision: 'return', note: 'Cite it.' });
    expect((await as(stateFollower).notifications.list()).items[0]).toMatchObject({ kind: 'followed_assessment', entityId: proposed.id, iso3: 'MMR' });
    expect((await as(stateFollower).notifications.list()).items.length).toBe(2);
    expect(JSON.stringify(await suite.db.select().from(t.notifications))).not.toContain(SECRET);
  });

  it('the public subscribe with double opt-in: nothing but the confirmation until the link is opened, then mail about what the public can see', async () => {
    expect(await as(null).subscriptions.subscribe({ email: 'Reader@Example.org', iso3: 'mmr', language: 'th' })).toEqual({ confirmationSent: true });
    const pending = await subscriptionOf('reader@example.org');
    expect(pending).toMatchObject({ iso3: 'MMR', language: 'th', confirmedAt: null });
    await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'MMR', title: 'Before confirmation' });
    expect((await subscriberMail()).filter((m) => m.email === 'reader@example.org').map((m) => m.kind)).toEqual(['subscription_confirm']);

    // A forged or mixed-up token does nothing; the confirmation token does not unsubscribe.
    const id = pending?.id ?? '';
    expect((await errorOf(as(null).subscriptions.confirm({ token: `${id}.${'A'.repeat(43)}` }))).code).toBe('BAD_REQUEST');
    expect((await errorOf(as(null).subscriptions.confirm({ token: await linkToken(suite.db, 'unsubscribe', id) }))).code).toBe('BAD_REQUEST');
    expect((await errorOf(as(null).subscriptions.unsubscribe({ token: await linkToken(suite.db, 'confirm', id) }))).code).toBe('BAD_REQUEST');
    expect((await subscriptionOf('reader@example.org'))?.confirmedAt).toBeNull();

    expect(await as(null).subscriptions.confirm({ token: await linkToken(suite.db, 'confirm', id) })).toEqual({ iso3: 'MMR' });
    expect(await as(null).subscriptions.confirm({ token: await linkToken(suite.db, 'confirm', id) })).toEqual({ iso3: 'MMR' });
    const item = await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'MMR', title: 'After confirmation' });
    await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'MMR', title: `${SECRET} testimony`, visibility: 'confidential', containsPersonalData: true, kind: 'testimony' });
    await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'THA', title: 'Another State' });
    const mail = (await subscriberMail()).filter((m) => m.email === 'reader@example.org');
    expect(mail.map((m) => [m.kind, m.entityId])).toEqual([
      ['subscription_confirm', null],
      ['followed_evidence', item.id],
    ]);
    // Asking again for a confirmed address sends nothing and answers the same.
    expect(await as(null).subscriptions.subscribe({ email: 'reader@example.org', iso3: 'MMR', language: 'en' })).toEqual({ confirmationSent: true });
    expect((await subscriberMail()).filter((m) => m.email === 'reader@example.org').length).toBe(2);

    // Unsubscribing deletes the address and what still waits for it; a second time says the same.
    await as(null).subscriptions.unsubscribe({ token: await linkToken(suite.db, 'unsubscribe', id) });
    expect(await subscriptionOf('reader@example.org')).toBeUndefined();
    expect((await subscriberMail()).filter((m) => m.email === 'reader@example.org')).toEqual([]);
    expect(await as(null).subscriptions.unsubscribe({ token: await linkToken(suite.db, 'unsubscribe', id) })).toEqual({ unsubscribed: true });
  });

  it('a subscription to every State hears about each; a confirmation link stops working after a week', async () => {
    await as(null).subscriptions.subscribe({ email: 'everything@example.org', language: 'en' });
    const row = await subscriptionOf('everything@example.org');
    await suite.db.update(t.subscriptions).set({ createdAt: new Date(Date.now() - 8 * 24 * 3600_000) }).where(eq(t.subscriptions.id, row?.id ?? ''));
    expect((await errorOf(as(null).subscriptions.confirm({ token: await linkToken(suite.db, 'confirm', row?.id ?? '') }))).message).toContain('expired');
    // Asking again restarts the week.
    await as(null).subscriptions.subscribe({ email: 'everything@example.org', language: 'en' });
    await as(null).subscriptions.confirm({ token: await linkToken(suite.db, 'confirm', row?.id ?? '') });
    const a = await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'KHM' });
    const b = await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'LAO' });
    const mail = (await subscriberMail()).filter((m) => m.email === 'everything@example.org' && m.kind === 'followed_evidence');
    expect(mail.map((m) => m.entityId).sort()).toEqual([a.id, b.id].sort());
    expect((await suite.db.select().from(t.subscriptions).where(isNotNull(t.subscriptions.confirmedAt))).length).toBeGreaterThan(0);
  });

  it('subscribing is throttled per address, and refused while the tracker sends no mail', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      try {
        await as(null).subscriptions.subscribe({ email: 'flooded@example.org', iso3: 'KHM', language: 'en' });
        codes.push('OK');
      } catch (error) {
        codes.push((error as { code: string }).code);
      }
    }
    expect(codes.slice(0, 5)).toEqual(['OK', 'OK', 'OK', 'OK', 'OK']);
    expect(codes.slice(5).every((c) => c === 'TOO_MANY_REQUESTS')).toBe(true);
    const confirmations = (await subscriberMail()).filter((m) => m.email === 'flooded@example.org');
    expect(confirmations.length).toBeLessThanOrEqual(5);
    expect((await errorOf(as(null).subscriptions.subscribe({ email: 'not an address', language: 'en' }))).code).toBe('BAD_REQUEST');
    expect((await errorOf(as(null).subscriptions.subscribe({ email: 'x@example.org', iso3: 'XXX', language: 'en' }))).code).toBe('BAD_REQUEST');
    useMail(false);
    try {
      expect((await errorOf(as(null).subscriptions.subscribe({ email: 'nomail@example.org', language: 'en' }))).code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      useMail(true);
    }
  });
});
