import { hashPassword, totpCodeAt } from '@tracker/api';
import { createUserAccount, findLoginUser, seedCatalogue } from '@tracker/db';
import * as t from '@tracker/db/schema';
import { describeEachDb, evidenceFields } from '@tracker/db/testing';
import { count, eq } from 'drizzle-orm';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEnv } from '../src/env';
import { closeServer, listen } from '../src/server';
import { mutate, query, sessionCookieOf } from './support/trpc-http';

const PASSWORD = 'correct horse battery staple';

/** What an attacker tries against sign-in, second factors and one-time links: none of it works. */
describeEachDb('sign-in under attack', (suite) => {
  const servers: Server[] = [];
  let base = '';
  let second = '';
  let proxied = '';

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    const env = { ...readEnv({}), PORT: 0 };
    for (const options of [env, env, { ...env, TRACKER_TRUST_PROXY: 1 }]) {
      const started = await listen(suite.handle, options);
      servers.push(started.server);
    }
    [base, second, proxied] = servers.map((s) => {
      const address = s.address();
      return typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
    }) as [string, string, string];
  });
  afterAll(() => Promise.all(servers.map((s) => closeServer(s))));

  const account = async (role: 'admin' | 'reviewer' | 'monitor' | 'policymaker', email: string) =>
    createUserAccount(suite.db, null, { email, displayName: email, role, passwordHash: await hashPassword(PASSWORD) });
  const signIn = async (email: string, password = PASSWORD, at = base, headers: Record<string, string> = {}) => {
    const reply = await mutate(at, 'auth.login', { email, password }, null, headers);
    return { reply, cookie: sessionCookieOf(reply) };
  };

  it('parallel guesses get no more attempts than sequential ones', async () => {
    await account('monitor', 'parallel@example.org');
    const replies = await Promise.all(Array.from({ length: 12 }, () => signIn('parallel@example.org', 'a wrong guess at it')));
    const statuses = replies.map((r) => r.reply.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
    expect((await signIn('parallel@example.org')).reply.status).toBe(429);
  });

  it('two servers on one database share the count: the second does not hand out fresh guesses', async () => {
    await account('monitor', 'two.servers@example.org');
    for (let i = 0; i < 5; i++) expect((await signIn('two.servers@example.org', 'a wrong guess at it', base)).reply.status).toBe(401);
    expect((await signIn('two.servers@example.org', PASSWORD, second)).reply.status).toBe(429);
  });

  it('behind a trusted proxy the client is the address the proxy added, not one the client wrote', async () => {
    // Each guess claims a new left-most address; the proxy's own addition (right-most) stays the same.
    let refused = 0;
    for (let i = 0; i < 25; i++) {
      const reply = await signIn(`nobody${i}@example.org`, 'a wrong guess at it', proxied, { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7` });
      if (reply.reply.status === 429) refused++;
    }
    expect(refused).toBeGreaterThan(0);
    // Another real client behind the same proxy is unaffected.
    const other = await signIn('nobody@example.org', 'a wrong guess at it', proxied, { 'x-forwarded-for': '198.51.100.8' });
    expect(other.reply.status).toBe(401);
  });

  it('a second-factor code signs in once; a replay is refused', async () => {
    await account('monitor', 'replay@example.org');
    const { cookie } = await signIn('replay@example.org');
    const setup = await mutate<{ secret: string }>(base, 'auth.totpSetup', {}, cookie);
    const enabling = totpCodeAt(setup.data.secret);
    expect((await mutate(base, 'auth.totpEnable', { secret: setup.data.secret, code: enabling }, cookie)).status).toBe(200);
    // The code that turned it on cannot sign in.
    expect((await mutate(base, 'auth.login', { email: 'replay@example.org', password: PASSWORD, totp: enabling })).status).toBe(401);
    const next = totpCodeAt(setup.data.secret, Date.now() + 30_000);
    expect((await mutate(base, 'auth.login', { email: 'replay@example.org', password: PASSWORD, totp: next })).status).toBe(200);
    const replayed = await mutate(second, 'auth.login', { email: 'replay@example.org', password: PASSWORD, totp: next });
    expect(replayed.status).toBe(401);
    expect(replayed.error?.message).toMatch(/already used/);
  });

  it('replacing or removing the second factor needs the current password and a current code', async () => {
    await account('monitor', 'keep.factor@example.org');
    const { cookie } = await signIn('keep.factor@example.org');
    const setup = await mutate<{ secret: string }>(base, 'auth.totpSetup', {}, cookie);
    await mutate(base, 'auth.totpEnable', { secret: setup.data.secret, code: totpCodeAt(setup.data.secret) }, cookie);
    const code = totpCodeAt(setup.data.secret, Date.now() + 30_000);
    // A stolen session alone cannot take the factor off or swap it.
    expect((await mutate(base, 'auth.totpDisable', { code, currentPassword: 'not my password' }, cookie)).status).toBe(400);
    expect((await mutate(base, 'auth.totpDisable', { code }, cookie)).status).toBe(400);
    const other = await mutate<{ secret: string }>(base, 'auth.totpSetup', {}, cookie);
    const swap = await mutate(base, 'auth.totpEnable', { secret: other.data.secret, code: totpCodeAt(other.data.secret) }, cookie);
    expect(swap.status).toBe(400);
    expect(swap.error?.message).toMatch(/currentPassword/);
    expect((await findLoginUser(suite.db, 'keep.factor@example.org'))?.totpSecret).toBe(setup.data.secret);
    expect((await mutate(base, 'auth.totpDisable', { code, currentPassword: PASSWORD }, cookie)).status).toBe(200);
  });

  it('password changes and code checks are throttled like sign-in', async () => {
    await account('monitor', 'guess.current@example.org');
    const { cookie } = await signIn('guess.current@example.org');
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await mutate(base, 'auth.changePassword', { currentPassword: `guess number ${i}`, newPassword: 'a brand new long password' }, cookie)).status);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toContain(429);
    const setup = await mutate<{ secret: string }>(base, 'auth.totpSetup', {}, cookie);
    const codes = [];
    for (let i = 0; i < 7; i++) codes.push((await mutate(base, 'auth.totpEnable', { secret: setup.data.secret, code: '000000' }, cookie)).status);
    expect(codes).toContain(429);
  });

  it('a new password link revokes the older one, and using it signs the account out everywhere', async () => {
    const user = await account('policymaker', 'links@example.org');
    await account('admin', 'links.admin@example.org');
    const admin = await signIn('links.admin@example.org');
    const session = await signIn('links@example.org');
    const first = await mutate<{ token: string }>(base, 'users.resetLink', { id: user.id }, admin.cookie);
    const newer = await mutate<{ token: string }>(base, 'users.resetLink', { id: user.id }, admin.cookie);
    expect((await mutate(base, 'auth.resetPassword', { token: first.data.token, password: 'an old link password' })).status).toBe(400);
    expect((await mutate(base, 'auth.resetPassword', { token: newer.data.token, password: 'a new link password' })).status).toBe(200);
    expect((await query(base, 'auth.me', undefined, session.cookie)).data).toBeNull();
  });

  it('an account that must enrol a second factor reads only what the public reads', async () => {
    const author = await account('monitor', 'author.enrol@example.org');
    const draft = await suite.db
      .insert(t.evidence)
      .values({ ...evidenceFields({ title: 'Enrolment marker confidential', visibility: 'confidential' }), status: 'verified', createdBy: author.id, contentChangedBy: author.id })
      .returning({ id: t.evidence.id });
    await account('reviewer', 'not.enrolled@example.org');
    await account('admin', 'policy.admin@example.org');
    const admin = await signIn('policy.admin@example.org');
    await mutate(base, 'users.setPolicy', { role: 'reviewer', requireTotp: true }, admin.cookie);
    try {
      const { cookie } = await signIn('not.enrolled@example.org');
      const list = await query<{ items: { title: string }[] }>(base, 'evidence.list', { q: 'Enrolment marker' }, cookie);
      expect(list.data.items).toEqual([]);
      expect((await query(base, 'evidence.get', { id: draft[0]?.id }, cookie)).status).toBe(404);
      expect((await query(base, 'evidence.revisions', { id: draft[0]?.id }, cookie)).status).toBe(403);
    } finally {
      await mutate(base, 'users.setPolicy', { role: 'reviewer', requireTotp: false }, admin.cookie);
    }
  });

  it('first-admin setup creates exactly one administrator, however many links are used at once', async () => {
    const { issueOneTimeLink } = await import('@tracker/api');
    // A database with only this suite's accounts: pretend none exists yet.
    await suite.db.delete(t.sessions);
    const existing = await suite.db.select({ id: t.users.id }).from(t.users);
    await suite.db.update(t.users).set({ isDemo: true });
    try {
      const links = await Promise.all([1, 2, 3, 4].map(() => issueOneTimeLink(suite.handle, 'setup', null)));
      const replies = await Promise.all(
        links.map((link, i) => mutate([base, second][i % 2] as string, 'auth.setup', { token: link.token, email: `first${i}@example.org`, displayName: `First ${i}`, password: PASSWORD })),
      );
      expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
      const [admins] = await suite.db.select({ n: count() }).from(t.users).where(eq(t.users.isDemo, false));
      expect(admins?.n).toBe(1);
    } finally {
      for (const { id } of existing) await suite.db.update(t.users).set({ isDemo: false }).where(eq(t.users.id, id));
    }
  });
});
