import { hashPassword } from '@tracker/api';
import { sampleInput, solveIntakeChallenge } from '@tracker/api/testing';
import { createUserAccount, seedCatalogue } from '@tracker/db';
import { describeEachDb, evidenceFields } from '@tracker/db/testing';
import { procedureAccess, type ProcedurePath } from '@tracker/domain';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEnv } from '../src/env';
import { closeServer, listen } from '../src/server';
import { mutate, query, sessionCookieOf } from './support/trpc-http';

const RESTRICTED = 'MARKER-RESTRICTED-4411';
const CONFIDENTIAL = 'MARKER-CONFIDENTIAL-9023';
const DRAFT = 'MARKER-DRAFT-5170';
const REPLY = 'MARKER-UNACCEPTED-REPLY-3301';
const COMMITMENT = 'MARKER-UNREVIEWED-COMMITMENT-7712';
const INTAKE = 'MARKER-INTAKE-CONTENT-6254';
const INTAKE_CONTACT = 'MARKER-INTAKE-CONTACT-1187';
const follow = [REPLY, COMMITMENT, INTAKE, INTAKE_CONTACT];
const PASSWORD = 'correct horse battery staple';

/**
 * Plants marked restricted, confidential and unreviewed evidence (and an assessment resting on the
 * confidential item), then calls every procedure and HTTP route as the public and as a policymaker.
 */
describeEachDb('no leak of restricted, confidential or unreviewed evidence', (suite) => {
  let server: Server;
  let base = '';
  const ids: Record<string, string> = {};
  const intakeIds: string[] = [];
  let policymakerCookie: string | null = null;
  let reviewerCookie: string | null = null;
  let attachmentPath = '';

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    const started = await listen(suite.handle, { ...readEnv({}), PORT: 0 });
    server = started.server;
    base = started.url;
    const passwordHash = await hashPassword(PASSWORD);
    for (const role of ['monitor', 'reviewer', 'policymaker'] as const) {
      await createUserAccount(suite.db, null, { email: `${role}@leak.example.org`, displayName: role, role, passwordHash });
    }
    const cookieOf = async (role: string) => sessionCookieOf(await mutate(base, 'auth.login', { email: `${role}@leak.example.org`, password: PASSWORD }));
    const monitor = await cookieOf('monitor');
    const reviewer = await cookieOf('reviewer');
    reviewerCookie = reviewer;
    policymakerCookie = await cookieOf('policymaker');

    const plant = async (marker: string, overrides: Parameters<typeof evidenceFields>[0], verify: boolean) => {
      const created = await mutate<{ id: string }>(base, 'evidence.create', evidenceFields({ title: `${marker} title`, summary: `${marker} summary`, publisher: marker, ...overrides }), monitor);
      const attached = await mutate<{ attachments: { sha256: string }[] }>(
        base,
        'evidence.attach',
        { id: created.data.id, filename: `${marker}.txt`, contentBase64: Buffer.from(`${marker} attachment content`).toString('base64') },
        monitor,
      );
      if (marker === CONFIDENTIAL) attachmentPath = `/api/evidence/${created.data.id}/attachments/${attached.data.attachments[0]?.sha256}`;
      if (verify) {
        await mutate(base, 'evidence.submit', { id: created.data.id }, monitor);
        await mutate(base, 'evidence.review', { id: created.data.id, decision: 'verify', note: `${marker} note` }, reviewer);
      }
      return created.data.id;
    };
    ids['restricted'] = await plant(RESTRICTED, { visibility: 'restricted' }, true);
    ids['confidential'] = await plant(CONFIDENTIAL, { visibility: 'confidential', kind: 'testimony', containsPersonalData: true }, true);
    ids['draft'] = await plant(DRAFT, { visibility: 'public' }, false);
    const proposed = await mutate<{ id: string }>(
      base,
      'assessments.propose',
      { iso3: 'KHM', recommendationKey: 'A.2', status: 'implementing', rationale: 'Rests on testimony and a restricted report.', effectiveFrom: '2025-01-01', evidenceIds: [ids['confidential'], ids['restricted']] },
      monitor,
    );
    await mutate(base, 'assessments.review', { id: proposed.data.id, decision: 'approve', note: 'ok' }, reviewer);

    // A State's reply and a commitment no second person accepted (one proposed, one returned), and
    // information sent from outside, one left new and one converted into a draft.
    const reply = { iso3: 'KHM', recommendationKey: 'A.2', kind: 'official_reply', summary: `${REPLY} summary`, sourceUrl: 'https://example.org/reply', publishedOn: '2025-02-01' };
    await mutate(base, 'replies.create', reply, monitor);
    const returned = await mutate<{ id: string }>(base, 'replies.create', { ...reply, recommendationKey: 'A.3' }, monitor);
    await mutate(base, 'replies.review', { id: returned.data.id, decision: 'return', note: `${REPLY} note` }, reviewer);
    const pledge = { iso3: 'KHM', recommendationKeys: ['A.2'], text: `${COMMITMENT} text`, sourceUrl: 'https://example.org/pledge', madeOn: '2024-01-01', dueBy: '2024-06-01' };
    await mutate(base, 'commitments.create', pledge, monitor);
    const back = await mutate<{ id: string }>(base, 'commitments.create', pledge, monitor);
    await mutate(base, 'commitments.review', { id: back.data.id, decision: 'return', note: `${COMMITMENT} note` }, reviewer);
    for (let i = 0; i < 2; i++) {
      const issued = await mutate<{ challenge: string; bits: number }>(base, 'intake.challenge', undefined);
      await mutate(base, 'intake.submit', {
        what: `${INTAKE} what happened at the compound, in detail`,
        iso3: 'KHM',
        site: `${INTAKE} site`,
        contact: INTAKE_CONTACT,
        files: [{ filename: `${INTAKE}.txt`, contentBase64: Buffer.from(`${INTAKE} file`).toString('base64') }],
        proof: { challenge: issued.data.challenge, nonce: solveIntakeChallenge(issued.data.challenge, issued.data.bits) },
      });
    }
    const waiting = await query<{ id: string }[]>(base, 'intake.list', {}, reviewer);
    intakeIds.push(...waiting.data.map((s) => s.id));
    const converted = await mutate<{ evidenceId: string }>(base, 'intake.triage', { id: waiting.data[0]?.id, decision: 'convert', reason: 'Check it.', recommendationKeys: ['A.2'] }, reviewer);
    ids['intake'] = converted.data.evidenceId;
  });
  afterAll(() => closeServer(server));

  /** Every procedure with its sample input, plus inputs aimed straight at the planted items. */
  function calls(): [ProcedurePath, unknown][] {
    const list: [ProcedurePath, unknown][] = (Object.keys(procedureAccess) as ProcedurePath[]).map((p) => [p, sampleInput[p]]);
    for (const id of Object.values(ids)) {
      list.push(['evidence.get', { id }], ['evidence.revisions', { id }], ['evidence.update', { id, revision: 1, title: 'x y z' }], ['evidence.retract', { id, reason: 'trying to retract' }]);
    }
    for (const q of [RESTRICTED, CONFIDENTIAL, DRAFT, 'MARKER']) list.push(['evidence.list', { q }]);
    list.push(['evidence.list', { visibility: 'confidential' }], ['evidence.list', { status: 'draft' }], ['assessments.history', { iso3: 'KHM' }]);
    list.push(['scorecards.state', { iso3: 'KHM' }], ['scorecards.recommendation', { key: 'A.2' }], ['scorecards.changes', { since: '2020-01-01' }]);
    for (const reviewState of [undefined, 'proposed', 'returned', 'accepted']) {
      list.push(['replies.list', { iso3: 'KHM', reviewState }], ['commitments.list', { iso3: 'KHM', reviewState, asOf: '2025-01-01' }]);
    }
    for (const status of ['new', 'converted', 'discarded']) list.push(['intake.list', { status }]);
    for (const id of intakeIds) list.push(['intake.file', { id, position: 0 }]);
    return list;
  }

  /** The REST API's reads, aimed at the planted items too. */
  const restRoutes = () => [
    '/api/v1/evidence?limit=100',
    '/api/v1/evidence?q=MARKER',
    '/api/v1/evidence?visibility=confidential&status=draft',
    ...Object.values(ids).map((id) => `/api/v1/evidence/${id}`),
    '/api/v1/assessments?iso3=KHM',
    '/api/v1/scorecards/states/KHM',
    '/api/v1/scorecards/matrix',
    '/api/v1/replies?iso3=KHM',
    '/api/v1/replies?reviewState=proposed',
    '/api/v1/commitments?iso3=KHM&asOf=2025-01-01',
    '/api/v1/commitments?reviewState=proposed',
  ];

  async function everything(cookie: string | null): Promise<string> {
    const texts: string[] = [];
    for (const [path, input] of calls()) {
      const isQuery = /\.(list|get|me|frameworks|recommendations|recommendation|series|history|revisions|state|matrix|timeline|changes|head|file)$/.test(path);
      const reply = isQuery ? await query(base, path, input, cookie) : await mutate(base, path, input, cookie);
      texts.push(JSON.stringify(reply));
    }
    const openData = ['evidence.csv', 'evidence.json', 'assessments.csv', 'matrix.json', 'scorecards.csv', 'replies.csv', 'commitments.json', 'commitments-overdue.csv'].map((f) => `/api/v1/export/${f}`);
    const feeds = ['/feeds/all.atom', '/feeds/KHM.atom', '/feeds/commitments-overdue.atom'];
    for (const route of ['/', '/api/health', '/api/nothing', '/states/KHM', '/share', `/evidence/${ids['confidential']}`, `/evidence/${ids['intake']}`, attachmentPath, ...openData, ...restRoutes(), ...feeds]) {
      const res = await fetch(`${base}${route}`, { headers: cookie ? { cookie } : {} });
      texts.push(await res.text());
    }
    return texts.join('\n');
  }

  it('the public sees none of it', async () => {
    const seen = await everything(null);
    expect(seen).not.toContain(RESTRICTED);
    expect(seen).not.toContain(CONFIDENTIAL);
    expect(seen).not.toContain(DRAFT);
    for (const marker of follow) expect(seen).not.toContain(marker);
  });

  it('a policymaker sees restricted evidence but never confidential or unreviewed items, unaccepted replies and commitments, or anything sent from outside', async () => {
    const seen = await everything(policymakerCookie);
    expect(seen).toContain(RESTRICTED);
    expect(seen).not.toContain(CONFIDENTIAL);
    expect(seen).not.toContain(DRAFT);
    for (const marker of follow) expect(seen).not.toContain(marker);
  });

  it('staff read what was sent from outside, and the REST API never shows it, nor an unaccepted reply or commitment', async () => {
    const staff = JSON.stringify(await query(base, 'intake.list', {}, reviewerCookie));
    expect(staff).toContain(INTAKE);
    expect(staff).toContain(INTAKE_CONTACT);
    const texts = await Promise.all(restRoutes().map(async (route) => (await fetch(`${base}${route}`, { headers: { cookie: reviewerCookie ?? '' } })).text()));
    for (const marker of follow) expect(texts.join('\n')).not.toContain(marker);
  });

  it('the REST API gives the public projection whoever asks, even a reviewer', async () => {
    const texts = await Promise.all(restRoutes().map(async (route) => (await fetch(`${base}${route}`, { headers: { cookie: reviewerCookie ?? '' } })).text()));
    const seen = texts.join('\n');
    expect(seen).not.toContain(RESTRICTED);
    expect(seen).not.toContain(CONFIDENTIAL);
    expect(seen).not.toContain(DRAFT);
    expect(seen).toContain('"evidenceCounts":{"public":0,"restricted":1,"confidential":1}');
  });

  it('serves a confidential attachment to a reviewer only, as a download', async () => {
    expect((await fetch(`${base}${attachmentPath}`)).status).toBe(404);
    expect((await fetch(`${base}${attachmentPath}`, { headers: { cookie: policymakerCookie ?? '' } })).status).toBe(404);
    const res = await fetch(`${base}${attachmentPath}`, { headers: { cookie: reviewerCookie ?? '' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(await res.text()).toBe(`${CONFIDENTIAL} attachment content`);
  });

  it('public scorecards say that a confidential source exists, and nothing more', async () => {
    const card = await query<{ recommendations: { recommendationKey: string; evidence: Record<string, number> }[] }>(base, 'scorecards.state', { iso3: 'KHM' });
    expect(card.data.recommendations.find((r) => r.recommendationKey === 'A.2')?.evidence).toEqual({ public: 0, restricted: 1, confidential: 1 });
  });
});
