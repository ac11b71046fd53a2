import { evidenceFields } from '@tracker/db/testing';
import { databaseUrl, randomName, withAdmin } from '@tracker/db/testing/postgres-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { mutate, query, sessionCookieOf } from './support/trpc-http';

const PASSWORD = 'two servers, one database';
const template = inject('postgresTemplate');

/** Two real server processes on one PostgreSQL database: nothing either keeps in memory matters. */
describe.skipIf(!template)(`two servers on one PostgreSQL database${template ? '' : ' [SKIPPED: PostgreSQL unavailable]'}`, () => {
  const name = randomName('tracker_two');
  let a: ServerProcess;
  let b: ServerProcess;
  let admin = '';
  const tokenOf = (server: ServerProcess) => /setup#token=([A-Za-z0-9_-]{43})/.exec(server.output())?.[1];
  let race: { status: number }[] = [];
  let spent = { status: 0 };

  beforeAll(async () => {
    await withAdmin((sql) => sql.unsafe(`create database ${name}`));
    // Started together: they take turns migrating and seeding.
    [a, b] = await Promise.all([startServerProcess({ DATABASE_URL: databaseUrl(name) }), startServerProcess({ DATABASE_URL: databaseUrl(name) })]);
    // Both print a setup link; both are used at the same moment.
    const [ta, tb] = [tokenOf(a), tokenOf(b)];
    if (!ta || !tb) throw new Error(`a server printed no setup link:\n${a.output()}\n${b.output()}`);
    const replies = await Promise.all([
      mutate(a.url, 'auth.setup', { token: ta, email: 'first@two.example.org', displayName: 'First', password: PASSWORD }),
      mutate(b.url, 'auth.setup', { token: tb, email: 'second@two.example.org', displayName: 'Second', password: PASSWORD }),
    ]);
    race = replies;
    admin = sessionCookieOf(replies.find((r) => r.status === 200) ?? replies[0]) ?? '';
    spent = await mutate(a.url, 'auth.setup', { token: tb, email: 'third@two.example.org', displayName: 'Third', password: PASSWORD });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await withAdmin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
  });

  /** A monitor account made on server a, its password chosen on server b. */
  const monitor = async (email: string) => {
    const created = await mutate<{ passwordLink: { token: string } }>(a.url, 'users.create', { email, displayName: 'Monitor', role: 'monitor' }, admin);
    expect((await mutate(b.url, 'auth.resetPassword', { token: created.data.passwordLink.token, password: PASSWORD })).status).toBe(200);
    return email;
  };

  it('both print a setup link; used at the same moment, exactly one makes an administrator', () => {
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(admin).not.toBe('');
    // The other link is spent too.
    expect(spent.status).not.toBe(200);
  });

  it('a session made on one server works on the other, and signing out on one ends it on both', async () => {
    const email = await monitor('session@two.example.org');
    const cookie = sessionCookieOf(await mutate(a.url, 'auth.login', { email, password: PASSWORD }));
    expect((await query<{ email: string }>(b.url, 'auth.me', undefined, cookie)).data?.email).toBe(email);
    await mutate(b.url, 'auth.logout', {}, cookie);
    expect((await query(a.url, 'auth.me', undefined, cookie)).data).toBeNull();
  });

  it('a retry that lands on the other server returns the first result, not a twin', async () => {
    const email = await monitor('retry@two.example.org');
    const cookie = sessionCookieOf(await mutate(a.url, 'auth.login', { email, password: PASSWORD }));
    const fields = { ...evidenceFields({ title: 'Created once across two servers' }), idempotencyKey: 'two-servers-retry-0001' };
    const first = await mutate<{ id: string }>(a.url, 'evidence.create', fields, cookie);
    const retry = await mutate<{ id: string }>(b.url, 'evidence.create', fields, cookie);
    expect(retry.data.id).toBe(first.data.id);
    expect((await mutate(b.url, 'evidence.create', { ...fields, title: 'Another request, same key' }, cookie)).status).toBe(409);
  });

  it('failed sign-ins on one server count on the other', async () => {
    const email = await monitor('throttled@two.example.org');
    for (let i = 0; i < 5; i++) expect((await mutate(a.url, 'auth.login', { email, password: 'a wrong guess at it' })).status).toBe(401);
    expect((await mutate(b.url, 'auth.login', { email, password: PASSWORD })).status).toBe(429);
  });

  it('a write on one server is in the other server’s cached public answers at once', async () => {
    const translations = async (server: ServerProcess) => (await (await fetch(`${server.url}/api/v1/translations/th`)).json()) as { key: string; field: string; text: string }[];
    const titleOfA1 = (rows: { key: string; field: string; text: string }[]) => rows.find((r) => r.key === 'A.1' && r.field === 'title')?.text;
    // Cached on b (the second read is served from its cache).
    await translations(b);
    expect(titleOfA1(await translations(b))).toBeUndefined();
    const set = await mutate(a.url, 'catalogue.setTranslation', { language: 'th', entity: 'recommendation', key: 'A.1', field: 'title', text: 'แก้ไขปัจจัยเสี่ยง' }, admin);
    expect(set.status).toBe(200);
    expect(titleOfA1(await translations(b))).toBe('แก้ไขปัจจัยเสี่ยง');
  });
});
