import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { currentDataVersion, dataVersionQueries, resultRows, seedCatalogue } from '../src';
import { describeEachDb } from '../src/testing';

describeEachDb('the shared read of the data version', (suite) => {
  const bump = () => suite.db.execute(sql`update states set name = name where iso3 = 'KHM'`);

  it('many callers at once share a few queries, not one each', async () => {
    await seedCatalogue(suite.db);
    const before = dataVersionQueries(suite.db);
    const versions = await Promise.all(Array.from({ length: 200 }, () => currentDataVersion(suite.db)));
    expect(new Set(versions).size).toBe(1);
    // The first caller starts a query; everyone arriving during it shares the next one.
    expect(dataVersionQueries(suite.db) - before).toBeLessThanOrEqual(2);
  });

  it('a caller never gets a version read before it called: a write acknowledged before the call is seen', async () => {
    await seedCatalogue(suite.db);
    const committed = async () => Number(resultRows<{ n: string }>(await suite.db.execute(sql`select n from data_version`))[0]?.n);
    // A handle whose reads run at once but answer only when let through: a read made before the
    // write is still in flight after the write commits.
    let open: () => void = () => undefined;
    let gate = Promise.resolve();
    const held = new Proxy(suite.db, {
      get(target, prop, receiver) {
        if (prop !== 'select') return Reflect.get(target, prop, receiver) as unknown;
        return (fields: Parameters<typeof target.select>[0]) => ({
          from: (table: Parameters<ReturnType<typeof target.select>['from']>[0]) => ({
            where: (condition: Parameters<ReturnType<ReturnType<typeof target.select>['from']>['where']>[0]) => {
              const answer = target.select(fields).from(table).where(condition).then((rows) => rows);
              const wait = gate;
              return { then: (resolve: (v: unknown) => void, reject: (e: unknown) => void) => wait.then(() => answer).then(resolve, reject) };
            },
          }),
        });
      },
    });
    for (let round = 0; round < 5; round++) {
      gate = new Promise((resolve) => (open = resolve));
      const before = currentDataVersion(held);
      await new Promise((r) => setTimeout(r, 20));
      await bump();
      const atCommit = await committed();
      const after = currentDataVersion(held);
      open();
      expect(await before).toBeLessThan(atCommit);
      expect(await after).toBeGreaterThanOrEqual(atCommit);
    }
  });

  it('a failed read fails only the callers that shared it; the next caller reads again', async () => {
    const broken = new Proxy(suite.db, {
      get(target, prop, receiver) {
        if (prop === 'select') return () => { throw new Error('the database is down'); };
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    await expect(currentDataVersion(broken)).rejects.toThrow(/down/);
    await expect(currentDataVersion(broken)).rejects.toThrow(/down/);
    expect(await currentDataVersion(suite.db)).toBeGreaterThanOrEqual(0);
  });
});
