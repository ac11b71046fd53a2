import { seedCatalogue, verifyLedger } from '@tracker/db';
import * as t from '@tracker/db/schema';
import { createUser, describeEachDb, evidenceFields, type TestUser, must } from '@tracker/db/testing';
import { count, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { callerAs, errorOf, verifiedEvidence } from './support';

describeEachDb('the evidence log', (suite) => {
  let monitor: TestUser;
  let otherMonitor: TestUser;
  let reviewer: TestUser;
  let policymaker: TestUser;
  const as = (user: TestUser | null) => callerAs(suite.db, user);
  const evidenceCount = async () => (await suite.db.select({ n: count() }).from(t.evidence))[0]?.n ?? 0;

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
    otherMonitor = await createUser(suite.db, 'monitor');
    reviewer = await createUser(suite.db, 'reviewer');
    policymaker = await createUser(suite.db, 'policymaker');
  });

  /** Creates, submits and verifies an item; returns it as its author sees it. */
  const verified = (overrides: Parameters<typeof evidenceFields>[0] = {}, author = monitor) => verifiedEvidence(suite.db, author, reviewer, overrides, 'Source checked against the gazette.');

  it('a monitor logs a draft and gets it back with its id and links', async () => {
    const created = await as(monitor).evidence.create(evidenceFields({ recommendationKeys: ['A.2', 'A.6'] }));
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created).toMatchObject({ status: 'draft', recommendationKeys: ['A.2', 'A.6'], mine: true, revision: 1 });
  });

  it('personal data forces confidential visibility, whatever was asked', async () => {
    const created = await as(monitor).evidence.create(evidenceFields({ kind: 'testimony', containsPersonalData: true, visibility: 'public' }));
    expect(created.visibility).toBe('confidential');
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const before = await evidenceCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ sourceUrl: 'javascript:alert(1)' }, 'sourceUrl'],
      [{ recommendationKeys: [] }, 'recommendationKeys'],
      [{ recommendationKeys: ['Z.9'] }, 'recommendationKeys'],
      [{ credibility: 9 }, 'credibility'],
      [{ title: 'x'.repeat(301) }, 'title'],
      [{ iso3: 'FRA' }, 'iso3'],
      [{ siteIds: ['00000000-0000-4000-8000-000000000000'] }, 'siteIds'],
    ];
    for (const [override, field] of cases) {
      const error = await errorOf(as(monitor).evidence.create({ ...evidenceFields(), ...override }));
      expect(error.code, field).toBe('BAD_REQUEST');
      expect(error.message, field).toContain(field);
    }
    expect(await evidenceCount()).toBe(before);
  });

  it('refuses a site that lies in another State', async () => {
    const [laoSite] = await suite.db.select({ id: t.sites.id }).from(t.sites).where(eq(t.sites.iso3, 'LAO'));
    const error = await errorOf(as(monitor).evidence.create(evidenceFields({ siteIds: [must(laoSite).id] })));
    expect(error.message).toMatch(/siteIds: .* is not in KHM/);
  });

  it('needs a signed-in monitor, reviewer or admin to log evidence', async () => {
    expect((await errorOf(as(null).evidence.create(evidenceFields()))).code).toBe('UNAUTHORIZED');
    expect((await errorOf(as(policymaker).evidence.create(evidenceFields()))).code).toBe('FORBIDDEN');
  });

  it('keeps drafts to their author: others cannot read or edit them', async () => {
    const draft = await as(monitor).evidence.create(evidenceFields());
    expect((await errorOf(as(null).evidence.get({ id: draft.id }))).code).toBe('NOT_FOUND');
    expect((await errorOf(as(otherMonitor).evidence.get({ id: draft.id }))).code).toBe('NOT_FOUND');
    expect((await errorOf(as(otherMonitor).evidence.update({ id: draft.id, revision: 1, title: 'Hijacked title' }))).code).toBe('NOT_FOUND');
    expect((await errorOf(as(otherMonitor).evidence.submit({ id: draft.id }))).code).toBe('NOT_FOUND');
  });

  it('the author edits a draft; a stale revision gets a conflict instead of overwriting', async () => {
    const draft = await as(monitor).evidence.create(evidenceFields());
    const edited = await as(monitor).evidence.update({ id: draft.id, revision: 1, title: 'A better title for this item' });
    expect(edited).toMatchObject({ title: 'A better title for this item', revision: 2 });
    const stale = await errorOf(as(monitor).evidence.update({ id: draft.id, revision: 1, title: 'Lost update attempt' }));
    expect(stale.code).toBe('CONFLICT');
    expect((await as(monitor).evidence.get({ id: draft.id })).title).toBe('A better title for this item');
  });

  it('two editors saving the same revision at once: one wins, the other gets a conflict, nothing is lost', async () => {
    const draft = await as(monitor).evidence.create(evidenceFields());
    const results = await Promise.allSettled([
      as(monitor).evidence.update({ id: draft.id, revision: 1, title: 'First editor title' }),
      as(monitor).evidence.update({ id: draft.id, revision: 1, title: 'Second editor title' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const winner = results.find((r) => r.status === 'fulfilled');
    const after = await as(monitor).evidence.get({ id: draft.id });
    expect(after.title).toBe(winner?.status === 'fulfilled' ? winner.value.title : '');
    expect(after.revision).toBe(2);
    expect((await errorOf(as(monitor).evidence.update({ id: draft.id, title: 'No revision sent' } as never))).message).toContain('revision');
  });

  it('a retried create with the same idempotency key returns the first item instead of a twin', async () => {
    const key = 'retry-key-0000000000000001';
    const before = await evidenceCount();
    const fields = evidenceFields({ title: 'Created once despite retries' });
    const [a, b] = await Promise.all([as(monitor).evidence.create({ ...fields, idempotencyKey: key }), as(monitor).evidence.create({ ...fields, idempotencyKey: key })]);
    const c = await as(monitor).evidence.create({ ...fields, idempotencyKey: key });
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(await evidenceCount()).toBe(before + 1);
    const ledger = await suite.db.select({ n: count() }).from(t.auditLedger).where(eq(t.auditLedger.entityId, a.id));
    expect(ledger[0]?.n).toBe(1);
    const reused = await errorOf(as(monitor).evidence.create({ ...fields, title: 'A different request', idempotencyKey: key }));
    expect(reused.code).toBe('CONFLICT');
    expect(reused.message).toContain('idempotency key');
    const someoneElse = await as(otherMonitor).evidence.create({ ...fields, idempotencyKey: key });
    expect(someoneElse.id).not.toBe(a.id);
    expect((await errorOf(as(monitor).evidence.create({ ...fields, idempotencyKey: 'short' }))).code).toBe('BAD_REQUEST');
  });

  it('a retried upload with the same idempotency key attaches and logs once', async () => {
    const draft = await as(monitor).evidence.create(evidenceFields());
    const upload = { id: draft.id, filename: 'note.txt', contentBase64: Buffer.from('uploaded once').toString('base64'), idempotencyKey: 'upload-key-000000000000001' };
    const [first, second] = await Promise.all([as(monitor).evidence.attach(upload), as(monitor).evidence.attach(upload)]);
    expect(first.attachments).toHaveLength(1);
    expect(second.attachments).toEqual(first.attachments);
    const attachEntries = await suite.db
      .select({ n: count() })
      .from(t.auditLedger)
      .where(eq(t.auditLedger.action, 'evidence.attach'));
    const again = await as(monitor).evidence.attach(upload);
    expect(again.attachments).toHaveLength(1);
    const after = await suite.db.select({ n: count() }).from(t.auditLedger).where(eq(t.auditLedger.action, 'evidence.attach'));
    expect(after[0]?.n).toBe(attachEntries[0]?.n);
  });

  it('four eyes: nobody verifies their own submission, a second reviewer does', async () => {
    const ownByReviewer = await as(reviewer).evidence.create(evidenceFields());
    await as(reviewer).evidence.submit({ id: ownByReviewer.id });
    const refused = await errorOf(as(reviewer).evidence.review({ id: ownByReviewer.id, decision: 'verify', note: 'Looks fine to me.' }));
    expect(refused.code).toBe('FORBIDDEN');

    const draft = await as(monitor).evidence.create(evidenceFields());
    expect((await errorOf(as(reviewer).evidence.review({ id: draft.id, decision: 'verify', note: 'Too early.' }))).code).toBe('CONFLICT');
    await as(monitor).evidence.submit({ id: draft.id });
    expect((await errorOf(as(monitor).evidence.review({ id: draft.id, decision: 'verify', note: 'x' }))).code).toBe('FORBIDDEN');
    expect((await errorOf(as(monitor).evidence.update({ id: draft.id, revision: draft.revision ?? 0, title: 'Editing under review' }))).code).toBe('CONFLICT');
    const decided = await as(reviewer).evidence.review({ id: draft.id, decision: 'verify', note: 'Checked.' });
    expect(decided).toMatchObject({ status: 'verified', reviewedBy: reviewer.id });
    expect((await as(null).evidence.get({ id: draft.id })).status).toBe('verified');
  });

  it('a rejected item goes back to its author, who can fix and resubmit it', async () => {
    const draft = await as(monitor).evidence.create(evidenceFields());
    await as(monitor).evidence.submit({ id: draft.id });
    const rejected = await as(reviewer).evidence.review({ id: draft.id, decision: 'reject', note: 'The source link is dead.' });
    expect(rejected).toMatchObject({ status: 'rejected', reviewNote: 'The source link is dead.' });
    expect((await errorOf(as(null).evidence.get({ id: draft.id }))).code).toBe('NOT_FOUND');
    await as(monitor).evidence.update({ id: draft.id, revision: rejected.revision ?? 0, sourceUrl: 'https://example.org/archived' });
    expect((await as(monitor).evidence.submit({ id: draft.id })).status).toBe('submitted');
  });

  it('a change after verification is proposed, leaves the published item as it was, and keeps the old revision once verified', async () => {
    const item = await verified({ title: 'Original verified title' });
    const proposed = await as(monitor).evidence.update({ id: item.id, revision: item.revision ?? 0, title: 'Corrected verified title' });
    expect(proposed).toMatchObject({ status: 'verified', revision: 1, title: 'Original verified title', pendingChange: { by: monitor.id, content: { title: 'Corrected verified title' } } });
    expect((await as(null).evidence.get({ id: item.id })).title).toBe('Original verified title');
    const awaiting = await as(reviewer).evidence.list({ status: 'submitted', limit: 100 });
    expect(awaiting.items.map((e) => e.id)).toContain(item.id);
    const applied = await as(reviewer).evidence.review({ id: item.id, decision: 'verify', note: 'The correction matches the source.' });
    expect(applied).toMatchObject({ status: 'verified', revision: 2, title: 'Corrected verified title', pendingChange: null });
    const revisions = await as(reviewer).evidence.revisions({ id: item.id });
    expect(revisions.map((r) => r.revision)).toEqual([1]);
    expect(revisions[0]?.snapshot).toMatchObject({ title: 'Original verified title' });
    expect(revisions[0]?.changedBy).toBe(monitor.id);
    expect((await errorOf(as(monitor).evidence.revisions({ id: item.id }))).code).toBe('FORBIDDEN');
  });

  it('verified items are never deleted: retraction needs a reason that stays visible', async () => {
    const item = await verified();
    expect((await errorOf(as(otherMonitor).evidence.retract({ id: item.id, reason: 'I do not like it' }))).code).toBe('FORBIDDEN');
    expect((await errorOf(as(monitor).evidence.retract({ id: item.id, reason: '' }))).code).toBe('BAD_REQUEST');
    const retracted = await as(monitor).evidence.retract({ id: item.id, reason: 'The publisher withdrew the article.' });
    expect(retracted.retraction?.reason).toBe('The publisher withdrew the article.');
    const publicView = await as(null).evidence.get({ id: item.id });
    expect(publicView.retraction?.reason).toBe('The publisher withdrew the article.');
    expect((await errorOf(as(reviewer).evidence.retract({ id: item.id, reason: 'Retract it twice' }))).code).toBe('CONFLICT');
    expect((await errorOf(as(monitor).evidence.update({ id: item.id, revision: retracted.revision ?? 0, title: 'Edit after retraction' }))).code).toBe('CONFLICT');
  });

  it('shows each role exactly what it may see', async () => {
    const marker = `vis-${Date.now()}`;
    const items = {
      public: await verified({ title: `${marker} public`, visibility: 'public' }),
      restricted: await verified({ title: `${marker} restricted`, visibility: 'restricted' }),
      confidential: await verified({ title: `${marker} confidential`, visibility: 'confidential' }),
    };
    const titlesFor = async (user: TestUser | null) =>
      (await as(user).evidence.list({ q: marker, limit: 100 })).items.map((e) => e.title.replace(`${marker} `, '')).sort();
    expect(await titlesFor(null)).toEqual(['public']);
    expect(await titlesFor(policymaker)).toEqual(['public', 'restricted']);
    expect(await titlesFor(otherMonitor)).toEqual(['public', 'restricted']);
    expect(await titlesFor(monitor)).toEqual(['confidential', 'public', 'restricted']);
    expect(await titlesFor(reviewer)).toEqual(['confidential', 'public', 'restricted']);
    expect((await errorOf(as(policymaker).evidence.get({ id: items.confidential.id }))).code).toBe('NOT_FOUND');

    const publicItem = await as(null).evidence.get({ id: items.public.id });
    expect(publicItem).not.toHaveProperty('createdBy');
    expect(publicItem).not.toHaveProperty('reviewNote');
    expect(publicItem).not.toHaveProperty('reviewedBy');
  });

  it('of two reviewers deciding at once, exactly one wins and the other gets a conflict', async () => {
    const secondReviewer = await createUser(suite.db, 'reviewer');
    const draft = await as(monitor).evidence.create(evidenceFields());
    await as(monitor).evidence.submit({ id: draft.id });
    const outcomes = await Promise.allSettled([
      as(reviewer).evidence.review({ id: draft.id, decision: 'verify', note: 'Verified by the first.' }),
      as(secondReviewer).evidence.review({ id: draft.id, decision: 'reject', note: 'Rejected by the second.' }),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]?.reason as { code: string }).code).toBe('CONFLICT');
  });

  it('records every change in the ledger, and the chain verifies', async () => {
    const draft = await as(monitor).evidence.create(evidenceFields({ title: 'Ledger check item' }));
    await as(monitor).evidence.submit({ id: draft.id });
    await as(reviewer).evidence.review({ id: draft.id, decision: 'verify', note: 'ok' });
    const entries = await suite.db
      .select({ action: t.auditLedger.action, actorId: t.auditLedger.actorId })
      .from(t.auditLedger)
      .where(eq(t.auditLedger.entityId, draft.id))
      .orderBy(t.auditLedger.seq);
    expect(entries).toEqual([
      { action: 'evidence.create', actorId: monitor.id },
      { action: 'evidence.submit', actorId: monitor.id },
      { action: 'evidence.verify', actorId: reviewer.id },
    ]);
    expect(await verifyLedger(suite.db)).toMatchObject({ ok: true });
  });
});
