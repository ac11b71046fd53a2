import { describe, expect, inject, it } from 'vitest';
import { createDb, migrate, migrationState } from '../src';
import { databaseUrl, randomName, withAdmin } from '../src/testing/postgres-server';

const template = inject('postgresTemplate');

describe('migrating', () => {
  it('brings an empty embedded database to the latest migration, and a second run changes nothing', async () => {
    const handle = await createDb({ kind: 'pglite' });
    try {
      expect((await migrationState(handle.db)).applied).toBe(0);
      await migrate(handle);
      const state = await migrationState(handle.db);
      expect(state.applied).toBe(state.total);
      expect(state.latest).toMatch(/^\d{4}_/);
      await migrate(handle);
      expect(await migrationState(handle.db)).toEqual(state);
    } finally {
      await handle.close();
    }
  });

  describe.skipIf(!template)(`on PostgreSQL${template ? '' : ' [SKIPPED: PostgreSQL unavailable]'}`, () => {
    it('lets two servers start together: the advisory lock makes them migrate one after the other', async () => {
      const name = randomName('tracker_test');
      await withAdmin((sql) => sql.unsafe(`create database ${name}`));
      const a = await createDb({ kind: 'postgres', url: databaseUrl(name), maxConnections: 2 });
      const b = await createDb({ kind: 'postgres', url: databaseUrl(name), maxConnections: 2 });
      try {
        await Promise.all([migrate(a), migrate(b), migrate(a)]);
        const state = await migrationState(a.db);
        expect(state.applied).toBe(state.total);
      } finally {
        await a.close();
        await b.close();
        await withAdmin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
      }
    });
  });
});
