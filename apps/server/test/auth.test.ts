import { hashPassword, hashToken, issueOneTimeLink, totpCodeAt } from '@tracker/api';
import { createUserAccount, seedCatalogue } from '@tracker/db';
import * as t from '@tracker/db/schema';
import { describeEachDb, evidenceFields, type DbSuite } from '@tracker/db/testing';
import { eq, sql } from 'drizzle-orm';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEnv } from '../src/env';
import { closeServer, listen } from '../src/server';
import { mutate, query, sessionCookieOf } from './support/trpc-http';

const PASSWORD = 'correct horse battery staple';

/** A server on the suite's database, with the short session lifetimes these tests rely on. */
function serveSuite(suite: DbSuite) {
  const state = { server: undefined as Server | undefined, base: '' };
  beforeAll(async () => {
    await seedCatalogue(suite.db);
    const started = await listen(suite.handle, { ...readEnv({}), PORT: 0, TRACKER_SESSION_IDLE_MINUTES: 30, TRACKER_SESSION_ABSOLUTE_HOURS: 8 });
    state.server = started.server;
    state.base = started.url;
  });
  afterAll(() => (state.server ? closeServer(state.server) : undefined));
  return state;
}

describeEachDb('first start over HTTP', (suite) => {
  const served = serveSuite(suite);

  it('creates the first admin through the one-time setup link, once', async () => {
    const base = served.base;
    const link = await issueOneTimeLink(suite.handle, 'setup', null);
    const reply = await mutate(base, 'auth.setup', { token: link.token, email: 'First.Admin@example.org', displayName: 'First Admin', password: PASSWORD });
    expect(reply.status).toBe(200);
    expect(reply.setCookie).toMatch(/tracker_session=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/; HttpOnly; SameSite=Lax/);
    const me = await query<{ email: string; role: string }>(base, 'auth.me', undefined, sessionCookieOf(reply));
    expect(me.data).toMatchObject({ email: 'first.admin@example.org', role: 'admin' });
    const again = await mutate(base, 'auth.setup', { token: link.token, email: 'second@example.org', displayName: 'Second', password: PASSWORD });
    expect(again.status).toBe(409);
    const another = await issueOneTimeLink(suite.handle, 'setup', null);
    expect((await mutate(base, 'auth.setup', { token: another.token, email: 'third@example.org', displayName: 'Third', password: PASSWORD })).status).toBe(409);
  });
});

describeEachDb('accounts and sessions over HTTP', (suite) => {
  const served = serveSuite(suite);
  let base = '';

  const account = async (role: 'admin' | 'reviewer' | 'monitor' | 'policymaker', email: string) =>
    createUserAccount(suite.db, null, { email, displayName: email, role, passwordHash: await hashPassword(PASSWORD) });
  const signIn = async (email: string, password = PASSWORD) => {
    const reply = await mutate(base, 'auth.login', { email, password });
    return { reply, cookie: sessionCookieOf(reply) };
  };

  beforeAll(async () => {
    base = served.base;
    await account('admin', 'first.admin@example.org');
    await account('monitor', 'known.monitor@example.org');
  });

  it('stores only the SHA-256 of a session token', async () => {
    const { cookie } = await signIn('first.admin@example.org');
    const token = cookie?.split('=')[1] ?? '';
    const rows = await suite.db.select({ tokenHash: t.sessions.tokenHash }).from(t.sessions);
    expect(rows.some((r) => r.tokenHash === hashToken(token))).toBe(true);
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    const wrong = await signIn('known.monitor@example.org', 'not the password at all');
    const unknown = await signIn('nobody.here@example.org', 'not the password at all');
    expect(wrong.reply.status).toBe(401);
    expect(unknown.reply.status).toBe(401);
    expect(wrong.reply.error?.message).toBe(unknown.reply.error?.message);
    expect(wrong.cookie).toBeNull();
  });

  it('signs in with a fresh session each time, and the cookie carries the role', async () => {
    const first = await signIn('known.monitor@example.org');
    const second = await signIn('known.monitor@example.org');
    expect(first.cookie).not.toBe(second.cookie);
    const created = await mutate<{ id: string }>(base, 'evidence.create', evidenceFields(), second.cookie);
    expect(created.status).toBe(200);
    expect((await mutate(base, 'evidence.create', evidenceFields())).status).toBe(401);
  });

  it('signing out revokes the session on the server, not just the cookie', async () => {
    const { cookie } = await signIn('known.monitor@example.org');
    expect((await query(base, 'auth.me', undefined, cookie)).data).not.toBeNull();
    const out = await mutate(base, 'auth.logout', {}, cookie);
    expect(out.setCookie).toMatch(/Max-Age=0/);
    expect((await query(base, 'auth.me', undefined, cookie)).data).toBeNull();
  });

  it('ends sessions that were idle too long or are past their absolute lifetime', async () => {
    const idle = await signIn('known.monitor@example.org');
    const absolute = await signIn('known.monitor@example.org');
    const hashOf = (cookie: string | null) => hashToken(cookie?.split('=')[1] ?? '');
    await suite.db.update(t.sessions).set({ lastSeenAt: sql`now() - interval '31 minutes'` }).where(eq(t.sessions.tokenHash, hashOf(idle.cookie)));
    await suite.db.update(t.sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(t.sessions.tokenHash, hashOf(absolute.cookie)));
    expect((await query(base, 'auth.me', undefined, idle.cookie)).data).toBeNull();
    expect((await query(base, 'auth.me', undefined, absolute.cookie)).data).toBeNull();
  });

  it('revokes every session of a user whose role changes or who is deactivated', async () => {
    const user = await account('reviewer', 'changing.reviewer@example.org');
    const admin = await signIn('first.admin@example.org');
    const before = await signIn('changing.reviewer@example.org');
    await mutate(base, 'users.update', { id: user.id, role: 'monitor' }, admin.cookie);
    expect((await query(base, 'auth.me', undefined, before.cookie)).data).toBeNull();
    const again = await signIn('changing.reviewer@example.org');
    expect((await query<{ role: string }>(base, 'auth.me', undefined, again.cookie)).data?.role).toBe('monitor');
    await mutate(base, 'users.update', { id: user.id, active: false }, admin.cookie);
    expect((await query(base, 'auth.me', undefined, again.cookie)).data).toBeNull();
    expect((await signIn('changing.reviewer@example.org')).reply.status).toBe(401);
  });

  it('refuses an account edit made on a stale copy instead of overwriting a change made meanwhile', async () => {
    const user = await account('monitor', 'edited.twice@example.org');
    const admin = await signIn('first.admin@example.org');
    const [seen] = (await query<{ id: string; updatedAt: string }[]>(base, 'users.list', undefined, admin.cookie)).data.filter((u) => u.id === user.id);
    const first = await mutate<{ role: string; updatedAt: string }>(base, 'users.update', { id: user.id, role: 'reviewer', updatedAt: seen?.updatedAt }, admin.cookie);
    expect(first.data.role).toBe('reviewer');
    const stale = await mutate(base, 'users.update', { id: user.id, active: false, updatedAt: seen?.updatedAt }, admin.cookie);
    expect(stale.status).toBe(409);
    expect(stale.error?.message).toContain('changed by someone else');
    const fresh = await mutate<{ active: boolean }>(base, 'users.update', { id: user.id, active: false, updatedAt: first.data.updatedAt }, admin.cookie);
    expect(fresh.data.active).toBe(false);
  });

  it('gives a new account a one-time link to choose its password', async () => {
    const admin = await signIn('first.admin@example.org');
    const created = await mutate<{ passwordLink: { token: string; path: string } }>(
      base,
      'users.create',
      { email: 'new.policymaker@example.org', displayName: 'New Policymaker', role: 'policymaker' },
      admin.cookie,
    );
    expect(created.data.passwordLink.path).toMatch(/^\/reset-password#token=/);
    // The page names the account before the link is used, and asking does not use it up.
    const token = created.data.passwordLink.token;
    for (let i = 0; i < 2; i++) {
      const holder = await mutate<{ email: string; displayName: string; expiresAt: string }>(base, 'auth.passwordLink', { token });
      expect(holder.data).toMatchObject({ email: 'new.policymaker@example.org', displayName: 'New Policymaker' });
      expect(Date.parse(holder.data.expiresAt)).toBeGreaterThan(Date.now());
    }
    const set = await mutate<{ passwordSet: boolean; signedIn: boolean }>(base, 'auth.resetPassword', { token, password: 'my own long password' });
    expect(set.data).toEqual({ passwordSet: true, signedIn: true });
    // Setting the password signs the person in, in this browser.
    expect((await query<{ email: string } | null>(base, 'auth.me', undefined, sessionCookieOf(set))).data?.email).toBe('new.policymaker@example.org');
    expect((await signIn('new.policymaker@example.org', 'my own long password')).reply.status).toBe(200);
    expect((await mutate(base, 'auth.resetPassword', { token, password: 'another long password' })).status).toBe(400);
    // A used link names nobody.
    const used = await mutate(base, 'auth.passwordLink', { token });
    expect(used.status).toBe(400);
    expect(used.error?.message).toContain('expired or was already used');
    expect(JSON.stringify(used)).not.toContain('new.policymaker');
  });

  it('a password link for an account with a second factor sets the password but does not sign in without the code', async () => {
    const admin = await signIn('first.admin@example.org');
    const user = await account('monitor', 'two.step@example.org');
    await suite.db.update(t.users).set({ totpSecret: 'JBSWY3DPEHPK3PXP' }).where(eq(t.users.id, user.id));
    const link = await mutate<{ token: string }>(base, 'users.resetLink', { id: user.id }, admin.cookie);
    const set = await mutate<{ passwordSet: boolean; signedIn: boolean }>(base, 'auth.resetPassword', { token: link.data.token, password: 'a fresh long password' });
    expect(set.data).toEqual({ passwordSet: true, signedIn: false });
    expect(sessionCookieOf(set)).toBeNull();
  });

  it('changing the password signs the account out everywhere', async () => {
    await account('monitor', 'changer@example.org');
    const a = await signIn('changer@example.org');
    const b = await signIn('changer@example.org');
    const changed = await mutate(base, 'auth.changePassword', { currentPassword: PASSWORD, newPassword: 'a brand new long password' }, a.cookie);
    expect(changed.status).toBe(200);
    expect((await query(base, 'auth.me', undefined, b.cookie)).data).toBeNull();
    expect((await signIn('changer@example.org', 'a brand new long password')).reply.status).toBe(200);
  });

  it('keeps a monitor limited to some States out of the others', async () => {
    const monitor = await account('monitor', 'limited.monitor@example.org');
    const admin = await signIn('first.admin@example.org');
    await mutate(base, 'users.update', { id: monitor.id, states: ['KHM'] }, admin.cookie);
    const { cookie } = await signIn('limited.monitor@example.org');
    expect((await mutate(base, 'evidence.create', evidenceFields({ iso3: 'KHM' }), cookie)).status).toBe(200);
    const refused = await mutate(base, 'evidence.create', evidenceFields({ iso3: 'THA' }), cookie);
    expect(refused.status).toBe(403);
    expect(refused.error?.message).toMatch(/limited to KHM/);
  });

  it('throttles repeated failures with backoff, even when the right password finally comes', async () => {
    await account('monitor', 'throttled@example.org');
    for (let i = 0; i < 5; i++) expect((await signIn('throttled@example.org', 'wrong password guess')).reply.status).toBe(401);
    const blocked = await signIn('throttled@example.org');
    expect(blocked.reply.status).toBe(429);
    expect(blocked.reply.error?.message).toMatch(/Too many attempts\. Try again in \d+ seconds/);
  });

  it('refuses cross-site and non-JSON writes (CSRF)', async () => {
    const { cookie } = await signIn('first.admin@example.org');
    const form = new FormData();
    form.set('email', 'x@example.org');
    const multipart = await fetch(`${base}/trpc/users.create`, { method: 'POST', body: form, headers: { cookie: cookie ?? '' } });
    expect(multipart.status).toBe(403);
    const plain = await fetch(`${base}/trpc/auth.logout`, { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain', cookie: cookie ?? '' } });
    expect(plain.status).toBe(403);
    expect((await mutate(base, 'auth.logout', {}, cookie, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await mutate(base, 'auth.logout', {}, cookie, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await query(base, 'auth.me', undefined, cookie)).data).not.toBeNull();
    const host = new URL(base).host;
    expect((await mutate(base, 'auth.logout', {}, cookie, { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('asks for a second factor once one is set up, after the password is right', async () => {
    await account('monitor', 'two.factor@example.org');
    const { cookie } = await signIn('two.factor@example.org');
    const setup = await mutate<{ secret: string; uri: string }>(base, 'auth.totpSetup', {}, cookie);
    expect(setup.data.uri).toMatch(/^otpauth:\/\/totp\//);
    expect((await mutate(base, 'auth.totpEnable', { secret: setup.data.secret, code: '000000' }, cookie)).status).toBe(400);
    expect((await mutate(base, 'auth.totpEnable', { secret: setup.data.secret, code: totpCodeAt(setup.data.secret) }, cookie)).status).toBe(200);

    const withoutCode = await signIn('two.factor@example.org');
    expect(withoutCode.reply.status).toBe(400);
    expect(withoutCode.reply.error?.message).toMatch(/^totp: Enter the 6-digit code/);
    const wrongPasswordNoCode = await signIn('two.factor@example.org', 'wrong password guess');
    expect(wrongPasswordNoCode.reply.status).toBe(401);
    const wrongCode = await mutate(base, 'auth.login', { email: 'two.factor@example.org', password: PASSWORD, totp: '000000' });
    expect(wrongCode.status).toBe(401);
    // The code that enabled it was used; the next one signs in.
    const right = await mutate(base, 'auth.login', { email: 'two.factor@example.org', password: PASSWORD, totp: totpCodeAt(setup.data.secret, Date.now() + 30_000) });
    expect(right.status).toBe(200);
    expect((await query<{ totpEnabled: boolean }>(base, 'auth.me', undefined, sessionCookieOf(right))).data.totpEnabled).toBe(true);
  });

  it('lets an admin require a second factor for a role: its accounts must set one up before working', async () => {
    await account('reviewer', 'must.enrol@example.org');
    const admin = await signIn('first.admin@example.org');
    const policies = await mutate<{ role: string; requireTotp: boolean }[]>(base, 'users.setPolicy', { role: 'reviewer', requireTotp: true }, admin.cookie);
    expect(policies.data.find((p) => p.role === 'reviewer')?.requireTotp).toBe(true);

    const { cookie } = await signIn('must.enrol@example.org');
    expect((await query<{ mustEnrollTotp: boolean }>(base, 'auth.me', undefined, cookie)).data.mustEnrollTotp).toBe(true);
    const refused = await mutate(base, 'evidence.create', evidenceFields(), cookie);
    expect(refused.status).toBe(403);
    expect(refused.error?.message).toMatch(/requires two-factor sign-in/);
    const setup = await mutate<{ secret: string }>(base, 'auth.totpSetup', {}, cookie);
    await mutate(base, 'auth.totpEnable', { secret: setup.data.secret, code: totpCodeAt(setup.data.secret) }, cookie);
    expect((await mutate(base, 'evidence.create', evidenceFields(), cookie)).status).toBe(200);
    await mutate(base, 'users.setPolicy', { role: 'reviewer', requireTotp: false }, admin.cookie);
  });
});
