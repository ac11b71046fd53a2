import { queueReviewDigests, seedCatalogue, setUserPassword, useMail } from '@tracker/db';
import * as t from '@tracker/db/schema';
import { createUser, describeEachDb, evidenceFields, type TestUser } from '@tracker/db/testing';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callerAs, errorOf, verifiedEvidence } from './support';

const SECRET = 'TESTIMONY-MARKER-5519';

describeEachDb('notices to the people whose work was decided, in their inbox and the outbox', (suite) => {
  let monitor: TestUser;
  let reviewer: TestUser;
  let otherReviewer: TestUser;
  const as = (user: TestUser | null) => callerAs(suite.db, user);
  const outboxFor = async (user: TestUser) =>
    suite.db
      .select({ kind: t.notifications.kind })
      .from(t.mailOutbox)
      .innerJoin(t.notifications, eq(t.notifications.id, t.mailOutbox.notificationId))
      .where(eq(t.notifications.userId, user.id));

  beforeAll(async () => {
    useMail(true);
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
    reviewer = await createUser(suite.db, 'reviewer');
    otherReviewer = await createUser(suite.db, 'reviewer');
  });
  afterAll(() => useMail(false));

  it('tells the author of a verified or returned item, and whoever proposed a change, what was decided', async () => {
    const verified = await verifiedEvidence(suite.db, monitor, reviewer, { title: `${SECRET} survivor account`, summary: `${SECRET} names`, visibility: 'confidential', containsPersonalData: true, kind: 'testimony' });
    const draft = await as(monitor).evidence.create(evidenceFields({ title: 'To be returned' }));
    await as(monitor).evidence.submit({ id: draft.id });
    await as(reviewer).evidence.review({ id: draft.id, decision: 'reject', note: 'The source link is broken.' });
    const { items, unread } = await as(monitor).notifications.list();
    expect(items.map((n) => [n.kind, n.entityId])).toEqual([
      ['evidence_rejected', draft.id],
      ['evidence_verified', verified.id],
    ]);
    expect(unread).toBe(2);
    // A change a reviewer proposes to a verified item: its fate goes to the reviewer who proposed it.
    const published = await verifiedEvidence(suite.db, monitor, otherReviewer, { title: 'A published item' });
    await as(reviewer).evidence.update({ id: published.id, revision: published.revision ?? 1, title: 'A published item, corrected' });
    await as(otherReviewer).evidence.review({ id: published.id, decision: 'verify', note: 'Correct.' });
    expect((await as(reviewer).notifications.list()).items.map((n) => [n.kind, n.entityId])).toContainEqual(['change_verified', published.id]);
    // Mail waits in the outbox for each, and names nothing but the kind and the record.
    expect((await outboxFor(monitor)).map((m) => m.kind).sort()).toEqual(['evidence_rejected', 'evidence_verified', 'evidence_verified']);
    const stored = JSON.stringify([await suite.db.select().from(t.notifications), await suite.db.select().from(t.mailOutbox)]);
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain('source link is broken');
  });

  it('tells the assessor whether their proposal was approved or returned', async () => {
    const proposed = await as(monitor).assessments.propose({ iso3: 'THA', recommendationKey: 'A.3', status: 'committed', rationale: 'A national action plan was announced.', effectiveFrom: '2025-01-01', evidenceIds: [] });
    await as(reviewer).assessments.review({ id: proposed.id, decision: 'return', note: 'Cite the plan.' });
    expect((await as(monitor).notifications.list()).items[0]).toMatchObject({ kind: 'assessment_returned', entityId: proposed.id, readAt: null });
  });

  it('writes nothing when the decision does not happen: refused, or lost to another reviewer', async () => {
    const before = (await as(monitor).notifications.list()).items.length;
    const draft = await as(monitor).evidence.create(evidenceFields({ title: 'Decided once' }));
    await as(monitor).evidence.submit({ id: draft.id });
    await errorOf(as(monitor).evidence.review({ id: draft.id, decision: 'verify', note: 'My own.' }));
    const results = await Promise.allSettled([
      as(reviewer).evidence.review({ id: draft.id, decision: 'verify', note: 'Checked.' }),
      as(otherReviewer).evidence.review({ id: draft.id, decision: 'reject', note: 'Not checked.' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const notices = (await as(monitor).notifications.list()).items.filter((n) => n.entityId === draft.id);
    expect(notices).toHaveLength(1);
    expect((await as(monitor).notifications.list()).items.length).toBe(before + 1);
  });

  it('lets each person read and mark only their own notices', async () => {
    const mine = (await as(monitor).notifications.list()).items.map((n) => n.id);
    expect((await as(reviewer).notifications.list()).items.map((n) => n.id).filter((id) => mine.includes(id))).toEqual([]);
    // Another person's ids mark nothing.
    expect(await as(reviewer).notifications.markRead({ ids: mine })).toEqual({ marked: 0 });
    expect((await as(monitor).notifications.list()).unread).toBe(mine.length);
    const [first] = mine;
    expect(await as(monitor).notifications.markRead({ ids: [first ?? ''] })).toEqual({ marked: 1 });
    expect((await as(monitor).notifications.list({ unreadOnly: true })).items.map((n) => n.id)).not.toContain(first);
    expect(await as(monitor).notifications.markRead({ all: true })).toEqual({ marked: mine.length - 1 });
    expect((await as(monitor).notifications.list()).unread).toBe(0);
    // Bad input is refused with a clear message.
    for (const bad of [{}, { ids: [] }, { ids: ['not-an-id'] }, { all: true, ids: [first ?? ''] }]) {
      expect((await errorOf(as(monitor).notifications.markRead(bad as never))).code, JSON.stringify(bad)).toBe('BAD_REQUEST');
    }
    expect((await errorOf(as(null).notifications.list())).code).toBe('UNAUTHORIZED');
  });

  it('mails only what the person wants by mail, in the language they chose; the inbox keeps everything', async () => {
    expect(await as(monitor).notifications.preferences()).toEqual({ language: 'en', mailOff: [] });
    expect(await as(monitor).notifications.setPreferences({ language: 'km', mailOff: ['decisions'] })).toEqual({ language: 'km', mailOff: ['decisions'] });
    const queued = (await outboxFor(monitor)).length;
    const draft = await as(monitor).evidence.create(evidenceFields({ title: 'Not mailed' }));
    await as(monitor).evidence.submit({ id: draft.id });
    await as(reviewer).evidence.review({ id: draft.id, decision: 'verify', note: 'Fine.' });
    expect((await as(monitor).notifications.list()).items[0]).toMatchObject({ kind: 'evidence_verified', entityId: draft.id });
    expect(await outboxFor(monitor)).toHaveLength(queued);
    for (const bad of [{ language: 'xx', mailOff: [] }, { language: 'th', mailOff: ['everything'] }]) {
      expect((await errorOf(as(monitor).notifications.setPreferences(bad as never))).code).toBe('BAD_REQUEST');
    }
    await as(monitor).notifications.setPreferences({ language: 'en', mailOff: [] });
    // Without mail configured, the inbox alone: nothing is queued to be sent once it is.
    useMail(false);
    const unmailed = await as(monitor).evidence.create(evidenceFields({ title: 'No mail server' }));
    await as(monitor).evidence.submit({ id: unmailed.id });
    await as(reviewer).evidence.review({ id: unmailed.id, decision: 'verify', note: 'Fine.' });
    useMail(true);
    expect((await as(monitor).notifications.list()).items[0]).toMatchObject({ kind: 'evidence_verified', entityId: unmailed.id });
    expect(await outboxFor(monitor)).toHaveLength(queued);
  });

  it('warns of a password change (not of a new account’s first password), by mail too', async () => {
    const person = await createUser(suite.db, 'policymaker');
    await setUserPassword(suite.db, null, person.id, 'first-hash');
    expect((await as(person).notifications.list()).items).toEqual([]);
    await setUserPassword(suite.db, person.id, person.id, 'second-hash');
    expect((await as(person).notifications.list()).items.map((n) => n.kind)).toEqual(['password_changed']);
    expect((await outboxFor(person)).map((m) => m.kind)).toEqual(['password_changed']);
  });

  it('queues one review digest a day per reviewer, counting only what they may decide', async () => {
    const author = await createUser(suite.db, 'reviewer');
    const queueTo = async (day: string) => {
      await queueReviewDigests(suite.db, day);
      return suite.db
        .select({ userId: t.notifications.userId, count: t.notifications.count })
        .from(t.notifications)
        .where(inArray(t.notifications.userId, [reviewer.id, author.id]))
        .then((rows) => rows.filter((r) => r.count !== null));
    };
    // One item awaits: the author (a reviewer) may not decide it, so only the others hear of it.
    const draft = await as(author).evidence.create(evidenceFields({ title: 'Awaiting review' }));
    await as(author).evidence.submit({ id: draft.id });
    const first = await queueTo('2026-12-01');
    expect(first, JSON.stringify({ first, reviewer: reviewer.id, author: author.id })).toEqual([{ userId: reviewer.id, count: 1 }]);
    // Again the same day, as a second server would: nothing more.
    expect(await queueTo('2026-12-01')).toEqual(first);
    expect(await queueTo('2026-12-02')).toHaveLength(2);
  });
});
