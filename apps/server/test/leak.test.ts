import { hashPassword } from '@tracker/api';
import { sampleInput } from '@tracker/api/testing';
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
const PASSWORD = 'correct horse battery staple';

/**
 * Plants marked restricted, confidential and unreviewed evidence (and an assessment resting on the
 * confidential item), then calls every procedure and HTTP route as the public and as a policymaker.
 */
describeEachDb('no leak of restricted, confidential or unreviewed evidence', (suite) => {
  let server: Server;
  let base = '';
  const ids: Record<string, string> = {};
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
  ];

  async function everything(cookie: string | null): Promise<string> {
    const texts: string[] = [];
    for (const [path, input] of calls()) {
      const isQuery = /\.(list|get|me|frameworks|recommendations|recommendation|series|history|revisions|state|matrix|timeline|changes|head)$/.test(path);
      const reply = isQuery ? await query(base, path, input, cookie) : await mutate(base, path, input, cookie);
      texts.push(JSON.stringify(reply));
    }
    const openData = ['evidence.csv', 'evidence.json', 'assessments.csv', 'matrix.json', 'scorecards.csv'].map((f) => `/api/v1/export/${f}`);
    for (const route of ['/', '/api/health', '/api/nothing', '/states/KHM', `/evidence/${ids['confidential']}`, attachmentPath, ...openData, ...restRoutes(), '/feeds/all.atom', '/feeds/KHM.atom']) {
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
  });

  it('a policymaker sees restricted evidence but never confidential or unreviewed items', async () => {
    const seen = await everything(policymakerCookie);
    expect(seen).toContain(RESTRICTED);
    expect(seen).not.toContain(CONFIDENTIAL);
    expect(seen).not.toContain(DRAFT);
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
