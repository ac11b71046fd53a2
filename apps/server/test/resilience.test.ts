import { hashPassword } from '@tracker/api';
import { createDb, createUserAccount } from '@tracker/db';
import { evidenceFields } from '@tracker/db/testing';
import { request } from 'node:http';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyringOf, startServerProcess, type ServerProcess } from './support/server-process';
import { useKeyring } from '@tracker/db/keyring';
import { createThrowawayPostgres, throwawayPostgresMissing, type ThrowawayPostgres } from './support/throwaway-postgres';
import { mutate, sessionCookieOf } from './support/trpc-http';

const PASSWORD = 'correct horse battery staple';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  status: number | 'network';
  id?: string;
  message?: string;
  retryAfter?: string | null;
}

/**
 * The real server process on a PostgreSQL of its own, which the tests stop, crash and restart
 * underneath it, and finally a SIGTERM while a request is still arriving.
 */
describe.skipIf(throwawayPostgresMissing)('resilience: the database goes away and comes back', () => {
  let db: ThrowawayPostgres;
  let app: ServerProcess;
  let cookie = '';
  let sql: postgres.Sql;

  beforeAll(async () => {
    db = await createThrowawayPostgres();
    app = await startServerProcess({ DATABASE_URL: db.url });
    // Writes made here must be sealed with the server's key.
    useKeyring(keyringOf({ DATABASE_URL: db.url }));
    const direct = await createDb({ kind: 'postgres', url: db.url });
    await createUserAccount(direct.db, null, { email: 'monitor@resilience.example.org', displayName: 'Monitor', role: 'monitor', passwordHash: await hashPassword(PASSWORD) });
    await direct.close();
    cookie = sessionCookieOf(await mutate(app.url, 'auth.login', { email: 'monitor@resilience.example.org', password: PASSWORD })) ?? '';
    expect(cookie).not.toBe('');
    sql = postgres(db.url, { max: 1, onnotice: () => {} });
  }, 120_000);

  afterAll(async () => {
    await sql?.end({ timeout: 5 }).catch(() => undefined);
    if (app?.child.exitCode === null) await app.stop();
    await db?.destroy();
  });

  let counter = 0;
  async function createOne(): Promise<Outcome> {
    counter++;
    const fields = evidenceFields({ title: `Resilience write ${counter}` });
    try {
      const reply = await mutate<{ id: string }>(app.url, 'evidence.create', { ...fields, idempotencyKey: `resilience-write-${String(counter).padStart(8, '0')}` }, cookie);
      return { status: reply.status, id: reply.data?.id, message: reply.error?.message };
    } catch (error) {
      return { status: 'network', message: String(error) };
    }
  }

  /** Four clients writing in a loop until `until` resolves. */
  async function writeWhile(until: Promise<unknown>): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let done = false;
    until.then(
      () => (done = true),
      () => (done = true),
    );
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        while (!done) {
          outcomes.push(await createOne());
          await sleep(10);
        }
      }),
    );
    return outcomes;
  }

  async function untilHealthy(timeoutMs = 30_000): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const res = await fetch(`${app.url}/api/health`).catch(() => null);
      if (res?.status === 200) return Date.now() - started;
      await sleep(100);
    }
    throw new Error(`the server did not recover within ${timeoutMs} ms:\n${app.output().slice(-3000)}`);
  }

  let recovery = 0;
  for (const mode of ['fast', 'immediate'] as const) {
    it(`answers 503 while the database is down (${mode} stop), never crashes, reconnects, and loses no acknowledged write`, async () => {
      const control = (async () => {
          await sleep(600);
          await db.stop(mode);
          await sleep(1500);
          // While it is down, reads and downloads say so too.
          const health = await fetch(`${app.url}/api/health`);
          expect(health.status).toBe(503);
          const rest = await fetch(`${app.url}/api/v1/states`);
          expect(rest.status).toBe(503);
          expect(rest.headers.get('retry-after')).toBe('5');
          expect((await fetch(`${app.url}/api/v1/export/evidence.csv`)).status).toBe(503);
          // The dashboard's public reads get tRPC's own answer, which its client understands.
          const read = await fetch(`${app.url}/trpc/states.list`);
          expect(read.status).toBe(503);
          expect(((await read.json()) as { error?: { data?: { code?: string } } }).error?.data?.code).toBe('SERVICE_UNAVAILABLE');
          await db.start();
          recovery = await untilHealthy();
          // Every pooled connection has reconnected within the backoff cap (2 s) of the database
          // coming back; the writes made after that must all succeed.
          await sleep(2500);
        })();
      const outcomes = await writeWhile(control);
      await control;
      if (app.child.exitCode !== null) console.log(app.output().slice(-4000));
      expect(app.child.exitCode).toBeNull();
      const statuses = new Set(outcomes.map((o) => o.status));
      expect([...statuses].sort()).toEqual([200, 503]);
      const refused = outcomes.find((o) => o.status === 503);
      expect(refused?.message).toContain('database cannot be reached');
      // Writes succeed again after the restart, without restarting the server.
      expect(outcomes.at(-1)?.status).toBe(200);
      const acknowledged = outcomes.filter((o) => o.status === 200).map((o) => o.id as string);
      const stored = await sql<{ id: string }[]>`select id from evidence where id = any(${acknowledged}::uuid[])`;
      expect(stored.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
      expect(app.output()).not.toMatch(/uncaught|unhandled/i);
      console.info(`${mode} stop: ${outcomes.length} writes, ${acknowledged.length} acknowledged, ${outcomes.length - acknowledged.length} refused with 503; healthy ${recovery} ms after the restart`);
    }, 120_000);
  }

  it('on SIGTERM finishes the request in flight, refuses new connections and exits cleanly', async () => {
    // A server of its own on the same database: the one the other tests use keeps running.
    const stopping = await startServerProcess({ DATABASE_URL: db.url });
    const cookie = sessionCookieOf(await mutate(stopping.url, 'auth.login', { email: 'monitor@resilience.example.org', password: PASSWORD })) ?? '';
    const draft = await mutate<{ id: string }>(stopping.url, 'evidence.create', evidenceFields({ title: 'Upload during shutdown' }), cookie);
    expect(draft.status).toBe(200);
    const body = JSON.stringify({ id: draft.data.id, filename: 'slow.txt', contentBase64: Buffer.from('slow upload line\n'.repeat(20_000)).toString('base64') });
    const { port } = new URL(stopping.url);
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/trpc/evidence.attach', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 1000));
      // The rest arrives after the server was told to stop.
      void sleep(1500).then(() => req.end(body.slice(1000)));
    });
    await sleep(300);
    const exited = stopping.stop();
    await sleep(400);
    const refused = await fetch(`${stopping.url}/api/health`).then(
      () => 'answered',
      (error: unknown) => String((error as { cause?: { code?: string } }).cause?.code ?? error),
    );
    expect(refused).toBe('ECONNREFUSED');
    const finished = await response;
    expect(finished.status).toBe(200);
    expect(finished.body).toContain('slow.txt');
    expect(await exited).toBe(0);
    expect(stopping.output()).toContain('SIGTERM received');
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  }, 60_000);
});
