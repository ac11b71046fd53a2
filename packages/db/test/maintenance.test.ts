import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { analyzeTables, resultRows, seedCatalogue, vacuumIfNeeded } from '../src';
import { describeEachDb } from '../src/testing';

describeEachDb('keeping the tables tidy and the planner informed', (suite) => {
  it('vacuums a table left with many dead rows (an aborted bulk write), and analyses every table', async () => {
    await seedCatalogue(suite.db);
    // What an import killed half-way leaves behind: rows written, then rolled back.
    await suite.db.execute(sql`insert into users (email, display_name, role) values ('someone@example.org', 'Someone', 'monitor')`);
    await suite.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into access_log (user_id, action, entity_type, entity_id) select (select id from users limit 1), 'export', 'dataset', 'x' || i from generate_series(1, 5000) as i`);
        throw new Error('killed');
      })
      .catch(() => undefined);
    // Statistics reach the collector when the transaction ends; give it a moment.
    await new Promise((r) => setTimeout(r, 1500));
    await suite.db.execute(sql`select pg_stat_force_next_flush()`).catch(() => undefined);
    const vacuumed = await vacuumIfNeeded(suite.db);
    expect(vacuumed).toContain('access_log');
    await analyzeTables(suite.db);
    const [stats] = resultRows<{ analysed: number }>(await suite.db.execute(sql`select count(*)::int as analysed from pg_stat_user_tables where relname = 'recommendations' and coalesce(last_analyze, last_autoanalyze) is not null`));
    expect(stats?.analysed).toBe(1);
  });
});
