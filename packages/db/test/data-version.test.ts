import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { currentDataVersion, dataVersionQueries, resultRows, seedCatalogue, type Database } from '../src';
import { watchDataVersion } from '../src/read-cache';
import { describeEachDb } from '../src/testing';

/**
 * A handle whose version reads run at once but answer only when let through (`hold()` returns the
 * key): a read made before a write is still in flight after the write commits.
 */
function gatedReads(db: Database) {
  let gate = Promise.resolve();
  const held = new Proxy(db, {
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
  const hold = () => {
    let open: () => void = () => undefined;
    gate = new Promise((resolve) => (open = resolve));
    return open;
  };
  return { held, hold };
}

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
    const { held, hold } = gatedReads(suite.db);
    for (let round = 0; round < 5; round++) {
      const open = hold();
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

  it('on the embedded database a version read stays true until a write, and no write by any path is missed', async () => {
    await seedCatalogue(suite.db);
    const committed = async () => Number(resultRows<{ n: string }>(await suite.db.execute(sql`select n from data_version`))[0]?.n);
    await currentDataVersion(suite.db);
    const before = dataVersionQueries(suite.db);
    for (let i = 0; i < 20; i++) await currentDataVersion(suite.db);
    // Embedded: the data folder is this process's alone, every change is announced, nothing to read.
    // PostgreSQL: another server may have written, so every round trip reads.
    if (suite.kind === 'pglite') expect(dataVersionQueries(suite.db) - before).toBe(0);
    else expect(dataVersionQueries(suite.db) - before).toBe(20);

    const writes: [string, () => Promise<unknown>][] = [
      ['a statement', () => bump()],
      ['a transaction', () => suite.db.transaction(async (tx) => { await tx.execute(sql`update states set name = name where iso3 = 'THA'`); })],
      ['raw SQL on the driver', () => (suite.handle.pglite ? suite.handle.pglite.exec(`update states set name = name where iso3 = 'MMR'`) : bump())],
      ['a direct change of the counter', () => suite.db.execute(sql`update data_version set n = n + 5 where id = 1`)],
    ];
    for (const [how, write] of writes) {
      await write();
      expect(await currentDataVersion(suite.db), how).toBe(await committed());
      // Read again at once, as the next request would.
      expect(await currentDataVersion(suite.db), how).toBe(await committed());
    }
  });

  it('a watched version read that was in flight when a change was announced is not kept', async () => {
    await seedCatalogue(suite.db);
    const { held, hold } = gatedReads(suite.db);
    let announce: () => void = () => undefined;
    await watchDataVersion(held, (_channel, changed) => { announce = changed; return Promise.resolve(); });
    expect(await currentDataVersion(held)).toBeGreaterThanOrEqual(0);
    const open = hold();
    announce();
    const inFlight = currentDataVersion(held);
    await new Promise((r) => setTimeout(r, 20));
    await bump();
    announce();
    open();
    const old = await inFlight;
    // The read began before the change: its answer is right for its caller, not for the next one.
    expect(await currentDataVersion(held)).toBe(old + 1);
  });

  it('on the embedded database a read that was in flight when a write committed is not kept', async () => {
    await seedCatalogue(suite.db);
    const committed = async () => Number(resultRows<{ n: string }>(await suite.db.execute(sql`select n from data_version`))[0]?.n);
    for (let round = 0; round < 10; round++) {
      // Start a write and a read together, in both orders.
      const [first, second] = round % 2 ? [bump(), currentDataVersion(suite.db)] : [currentDataVersion(suite.db), bump()];
      await Promise.all([first, second]);
      expect(await currentDataVersion(suite.db)).toBe(await committed());
    }
  });
});
