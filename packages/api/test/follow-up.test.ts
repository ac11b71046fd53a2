import { eraseDiscardedIntake, seedCatalogue, tellCommitmentsFallingDue } from '@tracker/db';
import * as t from '@tracker/db/schema';
import { createUser, describeEachDb, type TestUser } from '@tracker/db/testing';
import { commitmentState } from '@tracker/domain';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createContextInner, type HttpExchange } from '../src';
import { solveIntakeChallenge } from '../src/testing';
import { callerAs, errorOf, verifiedEvidence } from './support';

const REPLY_MARK = 'UNACCEPTED-REPLY-5521';
const COMMITMENT_MARK = 'UNREVIEWED-COMMITMENT-8830';
const INTAKE_MARK = 'INTAKE-CONTENT-4417';

const reply = (overrides: Record<string, unknown> = {}) => ({
  iso3: 'KHM',
  recommendationKey: 'A.1',
  kind: 'official_reply' as const,
  summary: 'The Government says a national referral mechanism is in force.',
  sourceUrl: 'https://example.org/reply',
  publishedOn: '2025-04-01',
  claimedStatus: 'implementing' as const,
  ...overrides,
});

const commitment = (overrides: Record<string, unknown> = {}) => ({
  iso3: 'KHM',
  recommendationKeys: ['A.1', 'A.5'],
  text: 'The State will inspect every licensed business in its special economic zones.',
  sourceUrl: 'https://example.org/pledge',
  madeOn: '2025-01-15',
  dueBy: '2025-12-31',
  ...overrides,
});

/** A caller from a network address, as the HTTP adapter builds it. */
const fromAddress = (address: string): HttpExchange => ({
  clientAddress: address,
  userAgent: 'test',
  sessionToken: null,
  setSessionCookie: () => undefined,
  clearSessionCookie: () => undefined,
});

describe('the state of a commitment on a date', () => {
  const c = { madeOn: '2025-01-15', dueBy: '2025-12-31', metOn: null, withdrawnOn: null };
  it('is derived from its dates: open, due soon within 60 days, overdue after the deadline, met or withdrawn from the day it happened', () => {
    expect(commitmentState(c, '2025-01-14')).toBeNull();
    expect(commitmentState(c, '2025-06-01')).toBe('open');
    expect(commitmentState(c, '2025-11-01')).toBe('due_soon');
    expect(commitmentState(c, '2025-12-31')).toBe('due_soon');
    expect(commitmentState(c, '2026-01-01')).toBe('overdue');
    expect(commitmentState({ ...c, metOn: '2026-02-01' }, '2026-01-15')).toBe('overdue');
    expect(commitmentState({ ...c, metOn: '2026-02-01' }, '2026-02-01')).toBe('met');
    expect(commitmentState({ ...c, withdrawnOn: '2025-03-01' }, '2025-06-01')).toBe('withdrawn');
    expect(commitmentState({ ...c, dueBy: null }, '2030-01-01')).toBe('open');
  });
});

describeEachDb('replies, commitments and information from outside', (suite) => {
  let monitor: TestUser;
  let reviewer: TestUser;
  let secondReviewer: TestUser;
  let policymaker: TestUser;
  const as = (user: TestUser | null) => callerAs(suite.db, user);
  const publicFrom = (address: string) => createCaller(createContextInner({ db: suite.db, user: null, http: fromAddress(address) }));

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
    reviewer = await createUser(suite.db, 'reviewer');
    secondReviewer = await createUser(suite.db, 'reviewer');
    policymaker = await createUser(suite.db, 'policymaker');
  });

  async function send(overrides: Record<string, unknown> = {}, caller = as(null)) {
    const { challenge, bits } = await caller.intake.challenge();
    return caller.intake.submit({
      what: `Forty workers were moved at night to a new building near the border. ${INTAKE_MARK}`,
      iso3: 'KHM',
      site: 'The compound by the river',
      when: '2025-05-02',
      sourceUrl: 'https://example.org/post',
      contact: 'signal: +855 00 000 000',
      proof: { challenge, nonce: solveIntakeChallenge(challenge, bits) },
      ...overrides,
    });
  }

  describe('a State’s reply', () => {
    it('is entered by a monitor, read by the public only once another person accepted it, with the reviewer’s note as the tracker’s answer', async () => {
      const entered = await as(monitor).replies.create(reply({ summary: `The State claims full implementation. ${REPLY_MARK}` }));
      expect(entered).toMatchObject({ reviewState: 'proposed', iso3: 'KHM', recommendationKey: 'A.1', claimedStatus: 'implementing' });
      for (const viewer of [null, policymaker]) {
        expect(JSON.stringify(await as(viewer).replies.list({ iso3: 'KHM' }))).not.toContain(REPLY_MARK);
        expect(await as(viewer).replies.list({ reviewState: 'proposed' })).toEqual([]);
      }
      expect((await as(reviewer).replies.list({ reviewState: 'proposed' })).map((r) => r.id)).toContain(entered.id);
      // Its author cannot accept it, even as a reviewer; a monitor cannot decide at all.
      const own = await as(reviewer).replies.create(reply({ recommendationKey: 'A.3' }));
      expect((await errorOf(as(reviewer).replies.review({ id: own.id, decision: 'accept', note: 'Fine.' }))).code).toBe('FORBIDDEN');
      expect((await errorOf(as(monitor).replies.review({ id: entered.id, decision: 'accept', note: 'Fine.' }))).code).toBe('FORBIDDEN');
      const accepted = await as(reviewer).replies.review({ id: entered.id, decision: 'accept', note: 'The mechanism exists on paper; no case has been referred through it.' });
      expect(accepted.reviewState).toBe('accepted');
      // Decided once: a second reviewer finds it decided.
      expect((await errorOf(as(secondReviewer).replies.review({ id: entered.id, decision: 'return', note: 'No.' }))).code).toBe('CONFLICT');
      const [shown] = await as(null).replies.list({ iso3: 'KHM', recommendationKey: 'A.1' });
      expect(shown).toMatchObject({ id: entered.id, answer: 'The mechanism exists on paper; no case has been referred through it.', claimedStatus: 'implementing' });
      expect(shown).not.toHaveProperty('createdBy');
      expect(shown).not.toHaveProperty('reviewNote');
    });

    it('refuses bad input: a non-http source, an unknown kind, a date out of range, an unknown State or recommendation, and the public', async () => {
      expect((await errorOf(as(monitor).replies.create(reply({ sourceUrl: 'javascript:alert(1)' })))).code).toBe('BAD_REQUEST');
      expect((await errorOf(as(monitor).replies.create(reply({ kind: 'press_release' })))).code).toBe('BAD_REQUEST');
      expect((await errorOf(as(monitor).replies.create(reply({ publishedOn: '0001-01-01' })))).code).toBe('BAD_REQUEST');
      expect((await errorOf(as(monitor).replies.create(reply({ iso3: 'XXX' })))).code).toBe('BAD_REQUEST');
      expect((await errorOf(as(monitor).replies.create(reply({ recommendationKey: 'Z.99' })))).code).toBe('BAD_REQUEST');
      expect((await errorOf(as(monitor).replies.create(reply({ summary: 'x'.repeat(6000) })))).code).toBe('BAD_REQUEST');
      expect((await errorOf(as(null).replies.create(reply()))).code).toBe('UNAUTHORIZED');
      expect((await errorOf(as(policymaker).replies.create(reply()))).code).toBe('FORBIDDEN');
    });
  });

  describe('commitments', () => {
    it('are listed for the public once accepted, with their state derived as of any date', async () => {
      const made = await as(monitor).commitments.create(commitment({ text: `The State will license every zone operator. ${COMMITMENT_MARK}` }));
      expect(made).toMatchObject({ reviewState: 'proposed', state: null, recommendationKeys: ['A.1', 'A.5'] });
      expect(JSON.stringify(await as(null).commitments.list({ reviewState: 'proposed' }))).not.toContain(COMMITMENT_MARK);
      expect(JSON.stringify(await as(policymaker).commitments.list({}))).not.toContain(COMMITMENT_MARK);
      await as(reviewer).commitments.review({ id: made.id, decision: 'accept', note: 'Recorded from the Prime Minister’s speech.' });
      const stateOn = async (asOf: string) => (await as(null).commitments.list({ iso3: 'KHM', asOf })).find((c) => c.id === made.id)?.state;
      expect(await stateOn('2025-01-01')).toBeUndefined();
      expect(await stateOn('2025-06-01')).toBe('open');
      expect(await stateOn('2025-11-15')).toBe('due_soon');
      expect(await stateOn('2026-01-05')).toBe('overdue');
      expect((await as(null).commitments.list({ state: 'overdue', asOf: '2026-01-05' })).map((c) => c.id)).toContain(made.id);
      expect((await as(null).commitments.list({ recommendationKey: 'A.5', asOf: '2026-01-05' })).map((c) => c.id)).toContain(made.id);
      expect((await as(null).commitments.list({ recommendationKey: 'A.7', asOf: '2026-01-05' })).map((c) => c.id)).not.toContain(made.id);
    });

    it('is met when a reviewer links verified evidence about the State, from that day on; withdrawn with a reason; each once', async () => {
      const made = await as(monitor).commitments.create(commitment({ iso3: 'THA', madeOn: '2025-02-01', dueBy: '2025-08-01' }));
      const draft = await as(monitor).evidence.create({ ...(await import('@tracker/db/testing')).evidenceFields({ iso3: 'THA' }) });
      // Not accepted yet: nothing can close it.
      expect((await errorOf(as(reviewer).commitments.close({ id: made.id, outcome: 'withdrawn', on: '2025-03-01', reason: 'Withdrawn.' }))).code).toBe('CONFLICT');
      await as(reviewer).commitments.review({ id: made.id, decision: 'accept', note: 'Recorded.' });
      // A draft is not verified evidence.
      expect((await errorOf(as(reviewer).commitments.close({ id: made.id, outcome: 'met', on: '2025-07-01', evidenceIds: [draft.id] }))).code).toBe('BAD_REQUEST');
      const other = await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'VNM' });
      expect((await errorOf(as(reviewer).commitments.close({ id: made.id, outcome: 'met', on: '2025-07-01', evidenceIds: [other.id] }))).code).toBe('BAD_REQUEST');
      const proof = await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'THA' });
      expect((await errorOf(as(monitor).commitments.close({ id: made.id, outcome: 'met', on: '2025-07-01', evidenceIds: [proof.id] }))).code).toBe('FORBIDDEN');
      expect((await errorOf(as(reviewer).commitments.close({ id: made.id, outcome: 'met', on: '2025-01-01', evidenceIds: [proof.id] }))).code).toBe('BAD_REQUEST');
      await as(reviewer).commitments.close({ id: made.id, outcome: 'met', on: '2025-07-01', evidenceIds: [proof.id] });
      const on = async (asOf: string) => (await as(null).commitments.list({ iso3: 'THA', asOf })).find((c) => c.id === made.id);
      expect((await on('2025-06-15'))?.state).toBe('due_soon');
      expect(await on('2025-07-01')).toMatchObject({ state: 'met', evidenceIds: [proof.id] });
      expect((await on('2026-07-01'))?.state).toBe('met');
      expect((await errorOf(as(reviewer).commitments.close({ id: made.id, outcome: 'withdrawn', on: '2025-08-01', reason: 'Changed mind.' }))).code).toBe('CONFLICT');

      // Whoever entered a commitment does not record what became of it.
      const own = await as(reviewer).commitments.create(commitment({ iso3: 'THA', madeOn: '2025-02-01' }));
      await as(secondReviewer).commitments.review({ id: own.id, decision: 'accept', note: 'Recorded.' });
      expect((await errorOf(as(reviewer).commitments.close({ id: own.id, outcome: 'withdrawn', on: '2025-04-01', reason: 'Quietly dropped.' }))).code).toBe('FORBIDDEN');

      const dropped = await as(monitor).commitments.create(commitment({ iso3: 'THA', madeOn: '2025-02-01', dueBy: null }));
      // Reviewed like evidence: `verify` accepts.
      expect((await as(secondReviewer).commitments.review({ id: dropped.id, decision: 'verify', note: 'Recorded.' })).reviewState).toBe('accepted');
      await as(reviewer).commitments.close({ id: dropped.id, outcome: 'withdrawn', on: '2025-04-01', reason: 'The ministry withdrew the plan in parliament.' });
      expect(await on('2025-05-01')).toBeDefined();
      const gone = (await as(null).commitments.list({ iso3: 'THA', asOf: '2025-05-01' })).find((c) => c.id === dropped.id);
      expect(gone).toMatchObject({ state: 'withdrawn', withdrawalReason: 'The ministry withdrew the plan in parliament.' });
      expect((await as(null).commitments.list({ iso3: 'THA', asOf: '2025-03-01' })).find((c) => c.id === dropped.id)?.state).toBe('open');
    });

    it('refuses a deadline before the commitment, no recommendation, and a returned one stays out of public view', async () => {
      expect((await errorOf(as(monitor).commitments.create(commitment({ dueBy: '2024-01-01' })))).code).toBe('BAD_REQUEST');
      expect((await errorOf(as(monitor).commitments.create(commitment({ recommendationKeys: [] })))).code).toBe('BAD_REQUEST');
      const made = await as(monitor).commitments.create(commitment({ iso3: 'LAO', text: `A returned pledge ${COMMITMENT_MARK}` }));
      await as(reviewer).commitments.review({ id: made.id, decision: 'return', note: 'The source does not say this.' });
      expect(JSON.stringify(await as(null).commitments.list({ iso3: 'LAO', asOf: '2026-06-01' }))).not.toContain(COMMITMENT_MARK);
    });

    it('tells followers once when an accepted commitment falls due soon, and once when it falls overdue', async () => {
      await as(policymaker).follows.add({ iso3: 'MMR' });
      const made = await as(monitor).commitments.create(commitment({ iso3: 'MMR', madeOn: '2025-01-01', dueBy: '2025-09-30' }));
      await as(reviewer).commitments.review({ id: made.id, decision: 'accept', note: 'Recorded.' });
      const notices = async () => (await as(policymaker).notifications.list()).items.filter((n) => n.entityId === made.id).map((n) => n.kind);
      await tellCommitmentsFallingDue(suite.db, '2025-06-01');
      expect(await notices()).toEqual([]);
      await tellCommitmentsFallingDue(suite.db, '2025-08-15');
      await tellCommitmentsFallingDue(suite.db, '2025-08-16');
      expect(await notices()).toEqual(['followed_commitment_due']);
      await tellCommitmentsFallingDue(suite.db, '2025-10-01');
      await tellCommitmentsFallingDue(suite.db, '2025-10-02');
      expect((await notices()).sort()).toEqual(['followed_commitment_due', 'followed_commitment_overdue']);
    });
  });

  describe('information from outside', () => {
    it('anyone sends it without an account; it is stored sealed, with nothing about the sender, and only staff read it', async () => {
      expect(await send({}, publicFrom('198.51.100.7'))).toEqual({ received: true });
      const [row] = await suite.db.select().from(t.intakeSubmissions).where(eq(t.intakeSubmissions.status, 'new'));
      const stored = JSON.stringify(row);
      expect(stored).not.toContain(INTAKE_MARK);
      expect(stored).not.toContain('198.51.100');
      expect(row?.receivedAt.getUTCMinutes()).toBe(0);
      const throttle = JSON.stringify(await suite.db.select().from(t.authThrottle));
      expect(throttle).not.toContain('198.51.100');
      for (const viewer of [null, policymaker]) expect((await errorOf(as(viewer).intake.list({}))).code).toMatch(/UNAUTHORIZED|FORBIDDEN/);
      const [listed] = await as(monitor).intake.list({});
      expect(listed?.content?.what).toContain(INTAKE_MARK);
      expect(listed?.content?.contact).toBe('signal: +855 00 000 000');
      // Reading it is written to the access log, like testimony.
      const reads = await suite.db.select().from(t.accessLog).where(eq(t.accessLog.action, 'intake.read'));
      expect(reads.some((r) => r.entityId === listed?.id && r.userId === monitor.id)).toBe(true);
    });

    it('a monitor limited to some States neither reads nor triages what was sent about another', async () => {
      const limited = await createUser(suite.db, 'monitor');
      await suite.db.insert(t.userStates).values({ userId: limited.id, iso3: 'THA' });
      await send({ iso3: 'MMR', what: `Sent about Myanmar only, for the limited monitor test. ${INTAKE_MARK}` });
      const mmr = (await as(reviewer).intake.list({})).find((s) => s.content?.iso3 === 'MMR');
      expect(mmr).toBeDefined();
      expect(JSON.stringify(await as(limited).intake.list({}))).not.toContain(INTAKE_MARK);
      expect((await errorOf(as(limited).intake.triage({ id: mmr?.id ?? '', decision: 'discard', reason: 'Not mine.' }))).code).toBe('FORBIDDEN');
      await as(reviewer).intake.triage({ id: mmr?.id ?? '', decision: 'discard', reason: 'Duplicate of a partner report.' });
    });

    it('refuses a forged, unsolved or replayed proof of work, and files that are too many, too big or of a kind not accepted', async () => {
      const { challenge, bits } = await as(null).intake.challenge();
      const nonce = solveIntakeChallenge(challenge, bits);
      const base = { what: 'Enough words to describe what was seen at the site.', iso3: 'KHM' };
      const forged = `${challenge.slice(0, -3)}abc`;
      expect((await errorOf(as(null).intake.submit({ ...base, proof: { challenge: forged, nonce } }))).code).toBe('BAD_REQUEST');
      let wrong = 0;
      while (solveIntakeChallenge(challenge, bits) === String(wrong)) wrong++;
      expect((await errorOf(as(null).intake.submit({ ...base, proof: { challenge, nonce: String(wrong) } }))).code).toBe('BAD_REQUEST');
      await as(null).intake.submit({ ...base, proof: { challenge, nonce } });
      expect((await errorOf(as(null).intake.submit({ ...base, proof: { challenge, nonce } }))).code).toBe('CONFLICT');
      const file = (name: string, bytes: Buffer) => ({ filename: name, contentBase64: bytes.toString('base64') });
      const text = file('note.txt', Buffer.from('what I saw'));
      expect((await errorOf(send({ files: [text, text, text, text] }))).code).toBe('BAD_REQUEST');
      expect((await errorOf(send({ files: [file('big.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 'a'))] }))).code).toBe('BAD_REQUEST');
      expect((await errorOf(send({ files: [file('run.exe', Buffer.from('4d5a900003000000', 'hex'))] }))).code).toBe('BAD_REQUEST');
      expect((await errorOf(send({ what: 'short' }))).code).toBe('BAD_REQUEST');
      expect((await errorOf(send({ sourceUrl: 'file:///etc/passwd' }))).code).toBe('BAD_REQUEST');
      expect((await errorOf(send({ when: '2099-01-01' }))).code).toBe('BAD_REQUEST');
    });

    it('is throttled per network, without the address being stored', async () => {
      const codes: string[] = [];
      for (let i = 0; i < 7; i++) codes.push(await send({}, publicFrom(`203.0.113.${i + 1}`)).then(() => 'ok', (e: { code: string }) => e.code));
      expect(codes.slice(0, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
      expect(codes).toContain('TOO_MANY_REQUESTS');
      // Another network is not held up.
      expect(await send({}, publicFrom('192.0.2.1'))).toEqual({ received: true });
      expect(JSON.stringify(await suite.db.select().from(t.authThrottle))).not.toMatch(/203\.0\.113|192\.0\.2/);
    });

    it('converts into a confidential draft owned by the triager, files attached, which goes through the usual review', async () => {
      await send({ files: [{ filename: 'photo-note.txt', contentBase64: Buffer.from(`notes ${INTAKE_MARK}`).toString('base64') }] });
      const waiting = await as(monitor).intake.list({ status: 'new' });
      const withFile = waiting.find((s) => s.files.length === 1);
      expect(withFile?.files[0]).toMatchObject({ filename: 'photo-note.txt', mediaType: 'text/plain' });
      const id = withFile?.id ?? '';
      // A triager can look at the file before deciding; the public and policymakers cannot.
      expect(Buffer.from((await as(monitor).intake.file({ id, position: 0 })).contentBase64, 'base64').toString()).toContain(INTAKE_MARK);
      expect((await errorOf(as(null).intake.file({ id, position: 0 }))).code).toBe('UNAUTHORIZED');
      expect((await errorOf(as(policymaker).intake.file({ id, position: 0 }))).code).toBe('FORBIDDEN');
      expect((await errorOf(as(monitor).intake.file({ id, position: 2 }))).code).toBe('NOT_FOUND');
      expect((await errorOf(as(policymaker).intake.triage({ id, decision: 'convert', reason: 'Credible.' }))).code).toBe('FORBIDDEN');
      const done = await as(monitor).intake.triage({ id, decision: 'convert', reason: 'Credible and specific; check with partners.', recommendationKeys: ['A.1'] });
      expect(done.status).toBe('converted');
      const draft = await as(monitor).evidence.get({ id: done.evidenceId ?? '' });
      expect(draft).toMatchObject({ status: 'draft', visibility: 'confidential', createdBy: monitor.id, fromIntake: { receivedAt: expect.stringMatching(/T\d\d:00:00\.000Z$/) } });
      expect(draft.summary).toContain(INTAKE_MARK);
      expect(draft.attachments).toHaveLength(1);
      expect((await errorOf(as(reviewer).intake.triage({ id, decision: 'discard', reason: 'Twice.' }))).code).toBe('CONFLICT');
      // The public never sees the draft.
      expect((await errorOf(as(null).evidence.get({ id: draft.id }))).code).toBe('NOT_FOUND');
      await as(monitor).evidence.submit({ id: draft.id });
      expect((await errorOf(as(monitor).evidence.review({ id: draft.id, decision: 'verify', note: 'Mine.' }))).code).toBe('FORBIDDEN');
      const verified = await as(reviewer).evidence.review({ id: draft.id, decision: 'verify', note: 'Confirmed with a partner organisation.' });
      expect(verified.status).toBe('verified');
      expect(JSON.stringify(await as(null).evidence.list({}))).not.toContain(INTAKE_MARK);
    });

    it('a draft made without naming recommendations cannot be sent for review until it names one', async () => {
      await send();
      const [next] = await as(reviewer).intake.list({});
      const done = await as(reviewer).intake.triage({ id: next?.id ?? '', decision: 'convert', reason: 'Worth checking.' });
      expect((await errorOf(as(reviewer).evidence.submit({ id: done.evidenceId ?? '' }))).code).toBe('BAD_REQUEST');
    });

    it('erases a discarded submission, files and key, 30 days after it was discarded', async () => {
      await send({ files: [{ filename: 'n.txt', contentBase64: Buffer.from('x').toString('base64') }] });
      const [next] = await as(reviewer).intake.list({});
      const id = next?.id ?? '';
      await as(reviewer).intake.triage({ id, decision: 'discard', reason: 'Spam.' });
      expect((await as(reviewer).intake.list({ status: 'discarded' })).map((s) => s.id)).toContain(id);
      expect(await eraseDiscardedIntake(suite.db, new Date(Date.now() + 29 * 86_400_000))).toBe(0);
      expect(await eraseDiscardedIntake(suite.db, new Date(Date.now() + 31 * 86_400_000))).toBeGreaterThan(0);
      expect(await suite.db.select().from(t.intakeSubmissions).where(eq(t.intakeSubmissions.id, id))).toEqual([]);
      expect(await suite.db.select().from(t.intakeFiles).where(eq(t.intakeFiles.submissionId, id))).toEqual([]);
      expect(await suite.db.select().from(t.recordKeys).where(sql`${t.recordKeys.entityType} = 'intake' and ${t.recordKeys.entityId} = ${id}`)).toEqual([]);
    });
  });
});
