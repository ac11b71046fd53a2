import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { Database, DbKind } from '../client';
import { createTestDatabase, type TestDatabase } from './databases';

export interface DbSuite {
  readonly kind: DbKind;
  readonly db: Database;
  readonly handle: TestDatabase;
  /** Runs `work` and reports how many SQL statements it sent. */
  countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }>;
}

/**
 * Runs the same test bodies on PGlite and on PostgreSQL, each suite on a fresh database of its
 * own. When PostgreSQL is unavailable (and CI is not set) the PostgreSQL variant is skipped and
 * its title says why.
 */
export function describeEachDb(title: string, body: (suite: DbSuite) => void) {
  const template = inject('postgresTemplate');
  const unavailable = inject('postgresUnavailable');
  for (const kind of ['pglite', 'postgres'] as const) {
    const skip = kind === 'postgres' && !template;
    const label = skip ? `${title} [postgres: SKIPPED, ${unavailable}]` : `${title} [${kind}]`;
    describe.skipIf(skip)(label, () => {
      let database: TestDatabase | undefined;
      let queries = 0;
      const need = () => {
        if (!database) throw new Error('test database not ready');
        return database;
      };
      beforeAll(async () => {
        database = await createTestDatabase(kind, template, { onQuery: () => void queries++ });
      }, 60_000);
      afterAll(async () => {
        await database?.drop();
      }, 30_000);
      body({
        kind,
        get db() {
          return need().db;
        },
        get handle() {
          return need();
        },
        async countQueries(work) {
          const before = queries;
          const result = await work();
          return { result, queries: queries - before };
        },
      });
    });
  }
}
