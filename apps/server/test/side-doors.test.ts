import { hashPassword } from '@tracker/api';
import {
  attachToEvidence,
  canonicalJson,
  createEvidence,
  createUserAccount,
  exportPublicLedger,
  seedCatalogue,
  sha256Hex,
  type ExportedEntry,
} from '@tracker/db';
import { createUser, describeEachDb, evidenceFields, verifiedEvidence, type TestUser } from '@tracker/db/testing';
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEnv } from '../src/env';
import { closeServer, listen } from '../src/server';
import { mutate, query, sessionCookieOf } from './support/trpc-http';

const PASSWORD = 'correct horse battery staple';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** A GET with a Host header of the caller's choosing (fetch does not allow one). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The ways around the front door that the security review found, each closed. */
describeEachDb('side doors', (suite) => {
  let server: Server;
  let base = '';
  let monitor: TestUser;
  let reviewer: TestUser;
  let confidentialId = '';
  let publicId = '';
  const signIn = async (email: string) => sessionCookieOf(await mutate(base, 'auth.login', { email, password: PASSWORD }));

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
    reviewer = await createUser(suite.db, 'reviewer');
    const publish = (fields: Parameters<typeof evidenceFields>[0], file?: Buffer) =>
      verifiedEvidence(suite.db, monitor, reviewer, fields, file ? { attachment: { filename: 'photo.png', bytes: file, mediaType: 'image/png' } } : {});
    confidentialId = (await publish({ title: 'Yes', summary: 'No', visibility: 'confidential', kind: 'testimony' })).id;
    publicId = (await publish({ title: 'A public court ruling' })).id;
    await createUserAccount(suite.db, null, { email: 'door.admin@example.org', displayName: 'Admin', role: 'admin', passwordHash: await hashPassword(PASSWORD) });
    await createUserAccount(suite.db, null, { email: 'door.reviewer@example.org', displayName: 'Reviewer', role: 'reviewer', passwordHash: await hashPassword(PASSWORD) });
    const started = await listen(suite.handle, { ...readEnv({}), PORT: 0 });
    server = started.server;
    base = started.url;
  });
  afterAll(() => closeServer(server));

  it('health tells the public only that it answers, on what database and migration', async () => {
    const body = (await (await fetch(`${base}/api/health`)).json()) as { status: string; database: Record<string, unknown> };
    expect(body).toEqual({ status: 'ok', database: { kind: suite.kind, migration: expect.any(String) } });
    const before = JSON.stringify(body);
    await createEvidence(suite.db, monitor, evidenceFields({ title: 'A confidential draft', visibility: 'confidential' }));
    expect(JSON.stringify(await (await fetch(`${base}/api/health`)).json())).toBe(before);
    const admin = await signIn('door.admin@example.org');
    const detailed = (await (await fetch(`${base}/api/health`, { headers: { cookie: admin ?? '' } })).json()) as { database: { rows?: Record<string, number> } };
    expect(detailed.database.rows?.['evidence']).toBeGreaterThan(0);
  });

  it('links the server writes never come from the Host header', async () => {
    for (const path of ['/feeds/all.atom', '/api/v1/openapi.json']) {
      const reply = await getWithHost(`${base}${path}`, 'evil.example');
      expect(reply.status, path).toBe(200);
      expect(reply.body, path).not.toContain('evil.example');
      expect(reply.body, path).toContain(base);
    }
  });

  it('the exported ledger names no confidential record and confirms no guess of its content', async () => {
    const entries: ExportedEntry[] = [];
    await exportPublicLedger(suite.db, (page) => {
      entries.push(...page);
      return Promise.resolve();
    });
    const text = entries.map((e) => JSON.stringify(e)).join('\n');
    expect(text).not.toContain(confidentialId);
    expect(text).not.toContain(monitor.id);
    expect(text).toContain(publicId);
    // The digest of the confidential item's creation cannot be confirmed by hashing a guess.
    const guess = evidenceFields({ title: 'Yes', summary: 'No', visibility: 'confidential', kind: 'testimony' });
    expect(text).not.toContain(sha256Hex(canonicalJson(guess)));
    expect(text).not.toContain(sha256Hex(canonicalJson({ ...guess, containsPersonalData: false })));
  });

  it('impossible dates and foreign names are a 400 or 404 naming what is wrong, never a 500', async () => {
    const cases: [string, number, string | null][] = [
      ['/api/v1/scorecards/matrix?asOf=0000-01-01', 400, 'asOf'],
      ['/api/v1/scorecards/states/KHM?asOf=0000-01-01', 400, 'asOf'],
      ['/api/v1/scorecards/changes?since=0000-01-01', 400, 'since'],
      ['/api/v1/evidence?publishedFrom=0001-01-01', 400, 'publishedFrom'],
      ['/api/v1/export/matrix.csv?asOf=0000-01-01', 400, 'asOf'],
      ['/api/v1/export/scorecards.json?asOf=9999-12-31', 400, 'asOf'],
      ['/api/v1/export/constructor.csv', 404, null],
      ['/api/v1/export/__proto__.json', 404, null],
      ['/api/v1/export/hasOwnProperty.csv', 404, null],
    ];
    for (const [path, status, field] of cases) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(status);
      if (field) expect(await res.text(), path).toContain(field);
    }
  });

  it('logs who read confidential content, downloaded a non-public file or exported, for admins to read', async () => {
    const reviewerCookie = await signIn('door.reviewer@example.org');
    const adminCookie = await signIn('door.admin@example.org');
    const withFile = await createEvidence(suite.db, monitor, evidenceFields({ title: 'Testimony with a photo', visibility: 'confidential' }));
    await attachToEvidence(suite.db, monitor, withFile.id, { filename: 'photo.png', bytes: PNG, sha256: createHash('sha256').update(PNG).digest('hex'), mediaType: 'image/png' });
    const sha = (await query<{ attachments: { sha256: string }[] }>(base, 'evidence.get', { id: withFile.id }, reviewerCookie)).data.attachments[0]?.sha256;
    expect((await fetch(`${base}/api/evidence/${withFile.id}/attachments/${sha}`, { headers: { cookie: reviewerCookie ?? '' } })).status).toBe(200);
    await query(base, 'evidence.get', { id: publicId }, reviewerCookie);
    await fetch(`${base}/api/v1/export/evidence.csv`, { headers: { cookie: reviewerCookie ?? '' } });
    // The public reads nothing that is logged, and is not logged.
    await query(base, 'evidence.get', { id: publicId });

    type Entry = { action: string; entityId: string; email: string; clientAddress: string | null };
    const log = await query<Entry[]>(base, 'audit.accessLog', {}, adminCookie);
    const mine = log.data.filter((e) => e.email === 'door.reviewer@example.org');
    expect(mine.map((e) => [e.action, e.entityId])).toEqual(
      expect.arrayContaining([
        ['evidence.read', withFile.id],
        ['attachment.download', withFile.id],
        ['export', 'evidence.csv'],
      ]),
    );
    expect(mine.some((e) => e.entityId === publicId)).toBe(false);
    expect(mine.every((e) => e.clientAddress)).toBe(true);
    const filtered = await query<Entry[]>(base, 'audit.accessLog', { action: 'attachment.download' }, adminCookie);
    expect(filtered.data.every((e) => e.action === 'attachment.download')).toBe(true);
    expect((await query(base, 'audit.accessLog', {}, reviewerCookie)).status).toBe(403);
  });
});
