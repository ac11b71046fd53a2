import { seedCatalogue } from '@tracker/db';
import { createUser, describeEachDb, evidenceFields, type TestUser } from '@tracker/db/testing';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { callerAs } from './support';

describeEachDb('the audit procedures', (suite) => {
  let admin: TestUser;
  let monitor: TestUser;
  const as = (user: TestUser | null) => callerAs(suite.db, user);

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    admin = await createUser(suite.db, 'admin');
    monitor = await createUser(suite.db, 'monitor');
    await as(monitor).evidence.create(evidenceFields());
  });

  it('publishes the head hash to anyone, so outsiders can pin it', async () => {
    const head = await as(null).audit.head();
    expect(head?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(head?.seq).toBeGreaterThanOrEqual(2);
  });

  it('lets an admin list the entries newest first and verify the chain', async () => {
    const entries = await as(admin).audit.list({ limit: 10 });
    expect(entries[0]?.action).toBe('evidence.create');
    expect(await as(admin).audit.verify()).toMatchObject({ ok: true });
  });

  it('reports tampering done behind the guard, naming the entry', async () => {
    const tamper = (actor: ReturnType<typeof sql>) => suite.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_ledger disable trigger audit_ledger_append_only`);
      await tx.execute(sql`update audit_ledger set actor_id = ${actor} where action = 'evidence.create'`);
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
