import { seedCatalogue } from '@tracker/db';
import { createUser, describeEachDb, evidenceFields, type TestUser } from '@tracker/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { callerAs, errorOf, verifiedEvidence } from './support';

/**
 * The ways one person alone could publish or change something, each tried: none gets through.
 */
describeEachDb('four eyes over every change', (suite) => {
  let monitor: TestUser;
  let reviewer: TestUser;
  let otherReviewer: TestUser;
  let admin: TestUser;
  const as = (user: TestUser | null) => callerAs(suite.db, user);

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
    reviewer = await createUser(suite.db, 'reviewer');
    otherReviewer = await createUser(suite.db, 'reviewer');
    admin = await createUser(suite.db, 'admin');
  });

  const verified = (overrides: Parameters<typeof evidenceFields>[0] = {}, author = monitor) => verifiedEvidence(suite.db, author, reviewer, overrides, 'Checked.');
  const publicTitles = async (marker: string) => (await as(null).evidence.list({ q: marker, limit: 100 })).items.map((e) => e.title);

  it('a reviewer who edits confidential testimony to public cannot then verify their own edit', async () => {
    const marker = `testimony-${Date.now()}`;
    const item = await verified({ title: `${marker} survivor account`, kind: 'testimony', visibility: 'confidential', containsPersonalData: true });
    const edited = await as(reviewer).evidence.update({ id: item.id, revision: item.revision ?? 0, visibility: 'public', containsPersonalData: false });
    expect(edited.visibility).toBe('confidential');
    expect(edited.pendingChange?.content).toMatchObject({ visibility: 'public', containsPersonalData: false });
    const self = await errorOf(as(reviewer).evidence.review({ id: item.id, decision: 'verify', note: 'Looks fine to me.' }));
    expect(self.code).toBe('FORBIDDEN');
    expect(await publicTitles(marker)).toEqual([]);
    // The author may not clear it either: a second person decides.
    expect((await errorOf(as(monitor).evidence.review({ id: item.id, decision: 'verify', note: 'ok' }))).code).toBe('FORBIDDEN');
    await as(otherReviewer).evidence.review({ id: item.id, decision: 'verify', note: 'Consent obtained; names removed.' });
    expect(await publicTitles(marker)).toEqual([`${marker} survivor account`]);
  });

  it('whoever changed the content last may not decide on it, even if someone else wrote it', async () => {
    const item = await verified({ title: 'Ministry statement on repatriation' });
    await as(otherReviewer).evidence.update({ id: item.id, revision: item.revision ?? 0, summary: 'A summary rewritten by a reviewer.' });
    expect((await errorOf(as(otherReviewer).evidence.review({ id: item.id, decision: 'verify', note: 'mine' }))).code).toBe('FORBIDDEN');
    const applied = await as(reviewer).evidence.review({ id: item.id, decision: 'verify', note: 'Matches the statement.' });
    expect(applied).toMatchObject({ summary: 'A summary rewritten by a reviewer.', contentChangedBy: otherReviewer.id, revision: 2 });
  });

  it('rejecting a proposed change keeps the published item as it was: nothing disappears silently', async () => {
    const marker = `keep-${Date.now()}`;
    const item = await verified({ title: `${marker} court ruling` });
    await as(monitor).evidence.update({ id: item.id, revision: item.revision ?? 0, title: `${marker} court ruling (edited)` });
    const rejected = await as(reviewer).evidence.review({ id: item.id, decision: 'reject', note: 'The edit contradicts the ruling.' });
    expect(rejected).toMatchObject({ status: 'verified', title: `${marker} court ruling`, pendingChange: null });
    expect(await publicTitles(marker)).toEqual([`${marker} court ruling`]);
    // A verified item with nothing pending is not awaiting review: rejecting it is refused, retracting is the way.
    expect((await errorOf(as(reviewer).evidence.review({ id: item.id, decision: 'reject', note: 'gone' }))).code).toBe('CONFLICT');
    expect(await publicTitles(marker)).toEqual([`${marker} court ruling`]);
  });

  it('a change that hides more applies at once; loosening waits for a second person', async () => {
    const marker = `hide-${Date.now()}`;
    const item = await verified({ title: `${marker} interview` });
    const hidden = await as(reviewer).evidence.update({ id: item.id, revision: item.revision ?? 0, containsPersonalData: true });
    expect(hidden).toMatchObject({ visibility: 'confidential', containsPersonalData: true, pendingChange: null });
    expect(await publicTitles(marker)).toEqual([]);
    const loosened = await as(reviewer).evidence.update({ id: item.id, revision: hidden.revision ?? 0, containsPersonalData: false, visibility: 'public' });
    expect(loosened).toMatchObject({ visibility: 'confidential', containsPersonalData: true });
    expect(await publicTitles(marker)).toEqual([]);
  });

  it('one change at a time: a second proposal waits for the decision on the first', async () => {
    const item = await verified();
    await as(monitor).evidence.update({ id: item.id, revision: item.revision ?? 0, title: 'First proposed title' });
    expect((await errorOf(as(reviewer).evidence.update({ id: item.id, revision: item.revision ?? 0, title: 'Second proposed title' }))).code).toBe('CONFLICT');
  });

  it('an import that matches someone else’s item is an edit under the same rules', async () => {
    const csv = (title: string, externalId: string) =>
      'externalId,iso3,recommendationKeys,title,summary,kind,direction,language,reliability,credibility,visibility\n' +
      `${externalId},KHM,A.2,${title},A summary of the item.,media_report,context,en,B,2,public\n`;
    const externalId = `ext-${Date.now()}`;
    await as(admin).evidence.import({ csv: csv('Imported once', externalId) });
    const [first] = (await as(reviewer).evidence.list({ q: 'Imported once', limit: 5 })).items;
    if (!first) throw new Error('import did not create the item');
    await as(reviewer).evidence.review({ id: first.id, decision: 'verify', note: 'Checked.' });
    // Another admin re-imports a changed row: a proposal by them, which they may not verify.
    const otherAdmin = await createUser(suite.db, 'admin');
    const report = await as(otherAdmin).evidence.import({ csv: csv('Imported twice', externalId) });
    expect(report).toMatchObject({ ok: true, report: { updated: 1 } });
    const after = await as(reviewer).evidence.get({ id: first.id });
    expect(after).toMatchObject({ title: 'Imported once', pendingChange: { by: otherAdmin.id, content: { title: 'Imported twice' } } });
    expect((await errorOf(as(otherAdmin).evidence.review({ id: first.id, decision: 'verify', note: 'mine' }))).code).toBe('FORBIDDEN');

    // Someone else's draft cannot be overwritten by an import at all.
    const draft = await as(monitor).evidence.create(evidenceFields({ title: 'A monitor draft' }));
    const ownId = `ext-own-${Date.now()}`;
    await suite.db.execute(`update evidence set external_id = '${ownId}' where id = '${draft.id}'`);
    const refused = await errorOf(as(admin).evidence.import({ csv: csv('Overwritten draft', ownId) }));
    expect(refused.code).toBe('FORBIDDEN');
    expect((await as(monitor).evidence.get({ id: draft.id })).title).toBe('A monitor draft');
  });

  it('the author alone can neither verify nor approve, in any order of steps', async () => {
    const draft = await as(reviewer).evidence.create(evidenceFields({ title: 'A reviewer’s own find' }));
    await as(reviewer).evidence.submit({ id: draft.id });
    expect((await errorOf(as(reviewer).evidence.review({ id: draft.id, decision: 'verify', note: 'mine' }))).code).toBe('FORBIDDEN');
    const item = await as(otherReviewer).evidence.review({ id: draft.id, decision: 'verify', note: 'ok' });
    const proposal = await as(reviewer).assessments.propose({
      iso3: 'KHM',
      recommendationKey: 'A.2',
      status: 'framework_adopted',
      rationale: 'The law is in force since March.',
      effectiveFrom: '2025-03-01',
      evidenceIds: [item.id],
    });
    expect((await errorOf(as(reviewer).assessments.review({ id: proposal.id, decision: 'approve', note: 'mine' }))).code).toBe('FORBIDDEN');
  });

  it('a proposal that cites unreadable evidence gets the same answer as one citing nothing that exists', async () => {
    const secret = await verified({ title: 'Confidential source', visibility: 'confidential' });
    const otherMonitor = await createUser(suite.db, 'monitor');
    const propose = (evidenceId: string) =>
      errorOf(
        as(otherMonitor).assessments.propose({ iso3: 'KHM', recommendationKey: 'A.2', status: 'committed', rationale: 'Trying to learn about it.', effectiveFrom: '2025-01-01', evidenceIds: [evidenceId] }),
      );
    const unreadable = await propose(secret.id);
    const missing = await propose('00000000-0000-4000-8000-000000000001');
    expect(unreadable.code).toBe('BAD_REQUEST');
    expect(unreadable.message.replace(secret.id, 'ID')).toBe(missing.message.replace('00000000-0000-4000-8000-000000000001', 'ID'));
  });

  it('a monitor limited to some States is held to them on every write', async () => {
    const limited = await createUser(suite.db, 'monitor');
    const draft = await as(limited).evidence.create(evidenceFields({ iso3: 'THA' }));
    await suite.db.execute(`insert into user_states (user_id, iso3) values ('${limited.id}', 'KHM')`);
    expect((await errorOf(as(limited).evidence.submit({ id: draft.id }))).code).toBe('FORBIDDEN');
    expect((await errorOf(as(limited).evidence.attach({ id: draft.id, filename: 'note.txt', contentBase64: Buffer.from('plain text note').toString('base64') }))).code).toBe('FORBIDDEN');
    expect((await errorOf(as(limited).evidence.update({ id: draft.id, revision: 1, title: 'Moved elsewhere' }))).code).toBe('FORBIDDEN');
  });
});
