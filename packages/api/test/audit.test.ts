import { seedCatalogue } from '@tracker/db';
import { createUser, describeEachDb, evidenceFields, type TestUser } from '@tracker/db/testing';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { callerAs } from './support';

describeEachDb('the audit procedures', (suite) => {
  let admin: TestUser;
  let monitor: TestUser;
  let logged: string;
  const as = (user: TestUser | null) => callerAs(suite.db, user);

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    admin = await createUser(suite.db, 'admin');
    monitor = await createUser(suite.db, 'monitor');
    logged = (await as(monitor).evidence.create(evidenceFields())).id;
  });

  it('publishes the head hash to anyone, so outsiders can pin it', async () => {
    const head = await as(null).audit.head();
    expect(head?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(head?.seq).toBeGreaterThanOrEqual(2);
  });

  it('lets an admin list the entries newest first and verify the chain', async () => {
    const entries = await as(admin).audit.list({ limit: 200 });
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => b - a));
    expect(entries.find((e) => e.entityId === logged)?.action).toBe('evidence.create');
    expect(await as(admin).audit.verify()).toMatchObject({ ok: true });
  });

  it('says who did each change, and filters by account, action, record and day', async () => {
    const other = await createUser(suite.db, 'monitor', 'Ola Other');
    const theirs = await as(other).evidence.create(evidenceFields({ title: 'Filtered by account' }));
    await as(other).evidence.submit({ id: theirs.id });
    const byThem = await as(admin).audit.list({ userId: other.id });
    expect(byThem.map((e) => e.action)).toEqual(['evidence.submit', 'evidence.create']);
    expect(byThem.every((e) => e.actor?.displayName === 'Ola Other' && e.actor.email === other.email)).toBe(true);
    expect((await as(admin).audit.list({ userId: other.id, action: 'evidence.submit' })).map((e) => e.entityId)).toEqual([theirs.id]);
    expect((await as(admin).audit.list({ entityId: theirs.id })).length).toBe(2);
    const today = new Date().toISOString().slice(0, 10);
    expect((await as(admin).audit.list({ userId: other.id, from: today, to: today })).length).toBe(2);
    expect(await as(admin).audit.list({ userId: other.id, to: '2000-01-01' })).toEqual([]);
    // Changes the tracker made itself (seeding the catalogue) have no account.
    const seeded = await as(admin).audit.list({ action: 'catalogue.seed' });
    expect(seeded.length).toBeGreaterThan(0);
    expect(seeded.every((e) => e.actor === null)).toBe(true);
  });

  it('refuses a filter it does not know, days the wrong way round, and anyone but an admin', async () => {
    await expect(as(admin).audit.list({ action: 'evidence.steal' as 'evidence.create' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(as(admin).audit.list({ from: '2025-02-01', to: '2025-01-01' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(as(admin).audit.list({ entityId: 'x'.repeat(101) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(as(monitor).audit.list({ userId: monitor.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('reports tampering done behind the guard, naming the entry', async () => {
    const tamper = (actor: ReturnType<typeof sql>) => suite.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_ledger disable trigger audit_ledger_append_only`);
      await tx.execute(sql`update audit_ledger set actor_id = ${actor} where action = 'evidence.create' and entity_id = ${logged}`);
      await tx.execute(sql`alter table audit_ledger enable trigger audit_ledger_append_only`);
    });
    await tamper(sql`null`);
    try {
      const verdict = await as(admin).audit.verify();
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.firstBroken.reason).toMatch(/altered/);
    } finally {
      // Put back as it was: the other tests verify the same chain.
      await tamper(sql`${monitor.id}::uuid`);
    }
    expect(await as(admin).audit.verify()).toMatchObject({ ok: true });
  });
});
