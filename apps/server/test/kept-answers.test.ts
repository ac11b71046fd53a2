import { hashPassword } from '@tracker/api';
import { createUserAccount, dataVersionQueries, seedCatalogue } from '@tracker/db';
import { createUser, describeEachDb, verifiedEvidence, type TestUser } from '@tracker/db/testing';
import * as t from '@tracker/db/schema';
import { eq } from 'drizzle-orm';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
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

  it('send kept answers compressed as each client asks, the same bytes as made', async () => {
    const raw = (route: string, headers: Record<string, string>, method = 'GET') =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const req = request(`${base}${route}`, { method, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
    const decoded = (r: { headers: IncomingHttpHeaders; body: Buffer }) =>
      r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body;
    await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'VNM', title: 'Hanoi court hears recruiters' });
    for (const route of ['/api/v1/scorecards/matrix', '/api/v1/export/matrix.csv', '/feeds/all.atom', `/trpc/scorecards.matrix?input=${encodeURIComponent('{}')}`]) {
      // The first is made (and compressed as it goes out); the rest come from what was kept.
      const made = await raw(route, { 'accept-encoding': 'br' });
      expect(made.status, route).toBe(200);
      const plain = decoded(made);
      expect(plain.length, route).toBeGreaterThan(1024);
      for (const [accept, encoding] of [['br', 'br'], ['gzip, deflate', 'gzip'], ['gzip;q=1, br;q=0.5', 'gzip'], ['', undefined], ['identity', undefined], ['br', 'br']] as const) {
        const kept = await raw(route, accept ? { 'accept-encoding': accept } : {});
        expect(kept.status, `${route} ${accept}`).toBe(200);
        expect(kept.headers['content-encoding'], `${route} ${accept}`).toBe(encoding);
        expect(kept.headers.vary, `${route} ${accept}`).toMatch(/accept-encoding/i);
        expect(Number(kept.headers['content-length']), `${route} ${accept}`).toBe(kept.body.length);
        expect(decoded(kept).equals(plain), `${route} ${accept}`).toBe(true);
        expect(kept.headers.etag, route).toBe(made.headers.etag);
      }
      if (route.startsWith('/trpc/')) continue;
      const head = await raw(route, { 'accept-encoding': 'br' }, 'HEAD');
      expect(head.status, route).toBe(200);
      expect(head.body.length, route).toBe(0);
    }
  });

  it('answer a client that holds the current answer with 304 from the version alone, on every public route', async () => {
    const routes = ['/api/v1/scorecards/matrix', '/api/v1/scorecards/states/KHM', '/api/v1/export/matrix.csv', '/api/v1/export/evidence.json', '/feeds/all.atom', '/feeds/KHM.atom'];
    for (const route of routes) {
      const first = await fetch(`${base}${route}`);
      expect(first.status, route).toBe(200);
      const etag = first.headers.get('etag') ?? '';
      expect(etag, route).toMatch(/^W\/"\d+-[\w-]{16}"$/);
      await first.arrayBuffer();
      // Revalidation reads the data version (at most once, shared) and nothing else.
      const { result, queries } = await suite.countQueries(() => fetch(`${base}${route}`, { headers: { 'if-none-match': etag } }));
      expect(result.status, route).toBe(304);
      expect(queries, route).toBeLessThanOrEqual(1);
      expect(result.headers.get('etag'), route).toBe(etag);
      expect(result.headers.get('cache-control'), route).toMatch(/^public, max-age=\d+$/);
    }
    // After a write the held ETag is stale everywhere, and the new answers have the write.
    await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'KHM', title: 'Phnom Penh court orders compound closed' });
    for (const route of routes) {
      const again = await fetch(`${base}${route}`, { headers: { 'if-none-match': 'W/"0-xxxxxxxxxxxxxxxx"' } });
      expect(again.status, route).toBe(200);
    }
    expect(await (await fetch(`${base}/feeds/KHM.atom`)).text()).toContain('Phnom Penh court orders compound closed');
    expect(await (await fetch(`${base}/api/v1/export/evidence.json`)).text()).toContain('Phnom Penh court orders compound closed');
  });

  it('keep no error and give it no ETag, and send a signed-in download afresh', async () => {
    for (const route of ['/api/v1/states/XYZ', '/api/v1/scorecards/matrix?asOf=June', '/feeds/ZZZ.atom', '/api/v1/export/nothing.csv']) {
      const res = await fetch(`${base}${route}`);
      expect(res.status, route).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('etag'), route).toBeNull();
      expect(res.headers.get('cache-control'), route).toBe('no-store');
    }
    // Downloads hold the public projection for everyone, but a signed-in download is recorded in
    // the access log each time: it is made afresh, never sent from kept bytes.
    await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'PHL', visibility: 'restricted', title: `${MARKER} download` });
    expect(await (await fetch(`${base}/api/v1/export/assessments.csv`)).text()).not.toContain(MARKER);
    const logged = async () => (await suite.db.select().from(t.accessLog).where(eq(t.accessLog.entityId, 'assessments.csv'))).length;
    const before = await logged();
    for (let i = 0; i < 2; i++) {
      const staff = await fetch(`${base}/api/v1/export/assessments.csv`, { headers: { cookie: reviewerCookie ?? '' } });
      expect(await staff.text()).not.toContain(MARKER);
    }
    expect(await logged()).toBe(before + 2);
  });

  it('make an answer once for all the visitors who ask for it at the same moment', async () => {
    const feed = () => fetch(`${base}/feeds/IDN.atom`).then((r) => r.text());
    await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'IDN', title: 'Jakarta police free recruits' });
    // Queries beyond the version reads: what making the answer costs.
    const making = async <T>(work: () => Promise<T>) => {
      const versionReads = dataVersionQueries(suite.db);
      const counted = await suite.countQueries(work);
      return { result: counted.result, queries: counted.queries - (dataVersionQueries(suite.db) - versionReads) };
    };
    const one = await making(feed);
    expect(one.queries).toBeGreaterThan(0);
    await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'IDN', title: 'Jakarta court convicts recruiters' });
    const many = await making(() => Promise.all(Array.from({ length: 20 }, feed)));
    expect(new Set(many.result).size).toBe(1);
    expect(many.result[0]).toContain('IDN');
    // One answer's worth, not twenty.
    expect(many.queries).toBeLessThanOrEqual(one.queries);
  });
});
