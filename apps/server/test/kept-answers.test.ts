import { hashPassword } from '@tracker/api';
import { createUserAccount, seedCatalogue } from '@tracker/db';
import { createUser, describeEachDb, verifiedEvidence, type TestUser } from '@tracker/db/testing';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEnv } from '../src/env';
import { closeServer, listen } from '../src/server';
import { mutate, sessionCookieOf } from './support/trpc-http';

const PASSWORD = 'kept answers, kept safe';
const MARKER = 'KEPT-ANSWER-RESTRICTED';

/** A batched GET as the dashboard sends it, with or without a session cookie. */
async function batch(base: string, paths: string[], inputs: unknown[], cookie?: string | null) {
  const input = Object.fromEntries(inputs.map((value, i) => [i, value]));
  const res = await fetch(`${base}/trpc/${paths.join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, body: await res.text() };
}

describeEachDb('kept answers for visitors without a session', (suite) => {
  let server: Server;
  let base = '';
  let monitor: TestUser;
  let reviewer: TestUser;
  let reviewerCookie: string | null = null;

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
    reviewer = await createUser(suite.db, 'reviewer');
    await createUserAccount(suite.db, null, { email: 'kept.reviewer@example.org', displayName: 'Reviewer', role: 'reviewer', passwordHash: await hashPassword(PASSWORD) });
    const started = await listen(suite.handle, { ...readEnv({}), PORT: 0 });
    server = started.server;
    base = started.url;
    reviewerCookie = sessionCookieOf(await mutate(base, 'auth.login', { email: 'kept.reviewer@example.org', password: PASSWORD }));
  });
  afterAll(() => closeServer(server));

  const page = (cookie?: string | null) => batch(base, ['auth.me', 'evidence.list'], [undefined, { iso3: 'MMR', limit: 100 }], cookie);

  it('show a write at once, and never what a signed-in reader saw, in either order', async () => {
    expect(reviewerCookie).toBeTruthy();
    const before = await page();
    expect(before.status).toBe(200);
    expect(await page()).toEqual(before);
    await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'MMR', visibility: 'restricted', title: `${MARKER} one` });
    await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'MMR', title: 'Myanmar court convicts compound bosses' });
    // The reviewer reads first: their answer has the restricted item and must not be kept for others.
    const signedIn = await page(reviewerCookie);
    expect(signedIn.body).toContain(MARKER);
    expect(signedIn.body).toContain('kept.reviewer@example.org');
    const after = await page();
    expect(after.body).toContain('Myanmar court convicts compound bosses');
    expect(after.body).not.toContain(MARKER);
    expect(after.body).not.toContain('kept.reviewer@example.org');
    // And the other way round: what the public was sent is not what the reviewer gets.
    expect((await page(reviewerCookie)).body).toContain(MARKER);
    // A cookie that opens nothing is not served from what was kept either, but reads as the public.
    const stale = await page('tracker_session=not-a-session');
    expect(stale.body).not.toContain(MARKER);
  });

  it('over REST, answer from kept bytes until a write, and with the write at once after it', async () => {
    const rest = (headers: Record<string, string> = {}) => fetch(`${base}/api/v1/evidence?iso3=LAO&limit=100`, { headers });
    const titles = async () => ((await (await rest()).json()) as { items: { title: string }[] }).items.map((e) => e.title);
    expect(await titles()).toEqual([]);
    const before = await rest();
    await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'LAO', title: 'Border checkpoint closed to recruiters' });
    expect(await titles()).toEqual(['Border checkpoint closed to recruiters']);
    // The ETag the client held no longer matches.
    expect((await rest({ 'if-none-match': before.headers.get('etag') ?? '' })).status).toBe(200);
  });

  it('keep each answer format apart: a streamed answer is never sent to a client that asked for JSON', async () => {
    const url = `${base}/trpc/states.list,catalogue.recommendations?batch=1&input=${encodeURIComponent('{}')}`;
    const streamed = await fetch(url, { headers: { 'trpc-accept': 'application/jsonl' } });
    expect(streamed.status).toBe(200);
    await streamed.text();
    const plain = await fetch(url);
    const body = await plain.text();
    expect(() => JSON.parse(body) as unknown).not.toThrow();
    expect((JSON.parse(body) as unknown[]).length).toBe(2);
  });

  it('leave out calls that are not the same for everyone', async () => {
    const head = async () => JSON.parse((await batch(base, ['audit.head'], [undefined])).body) as [{ result: { data: unknown } }];
    const first = await head();
    await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'VNM', visibility: 'confidential', title: `${MARKER} confidential` });
    expect(await head()).not.toEqual(first);
  });
});
