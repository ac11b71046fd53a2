import * as t from '@tracker/db/schema';
import { seedCatalogue } from '@tracker/db';
import { createUser, describeEachDb, type TestUser } from '@tracker/db/testing';
import { procedureAccess, type ProcedurePath } from '@tracker/domain';
import { TRPCError } from '@trpc/server';
import { count } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { sampleInput } from '../src/testing';
import { callerAs } from './support';

/** Values that have broken parsers before: wrong types, huge and odd strings, deep nesting, prototype keys. */
const hostile = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom('', ' ', 'x'.repeat(70_000), '\u0000', '../../etc/passwd', "'; drop table evidence; --", '=cmd|"/c calc"!A1', 'javascript:alert(1)', '9'.repeat(400)),
  fc.constantFrom(-1, 0, 1e308, -1e308, Number.NaN, Number.MAX_SAFE_INTEGER + 2, 2 ** 31),
  fc.constantFrom(null, true, [], {}, { __proto__: { admin: true } }, JSON.parse('{"__proto__":{"polluted":1}}')),
  fc.array(fc.string(), { maxLength: 200 }),
);

/** A well-formed input with one field replaced or added, or something else entirely. */
function inputsFor(path: ProcedurePath): fc.Arbitrary<unknown> {
  const sample = sampleInput[path];
  const keys = sample && typeof sample === 'object' ? Object.keys(sample) : [];
  if (keys.length === 0) return hostile;
  const mutated = fc
    .tuple(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })), hostile)
    .map(([key, value]) => ({ ...(sample as Record<string, unknown>), [key]: value }));
  return fc.oneof(mutated, mutated, hostile);
}

/**
 * Every procedure, with inputs fast-check makes up: the answer is a value or a client error, never
 * a server error, and a refused call writes nothing (the audit ledger records every write).
 */
describeEachDb('fuzzing every procedure input', (suite) => {
  let admin: TestUser;
  beforeAll(async () => {
    await seedCatalogue(suite.db);
    admin = await createUser(suite.db, 'admin');
  });
  const written = async () => {
    const [ledger] = await suite.db.select({ n: count() }).from(t.auditLedger);
    const [evidence] = await suite.db.select({ n: count() }).from(t.evidence);
    const [users] = await suite.db.select({ n: count() }).from(t.users);
    return [ledger?.n, evidence?.n, users?.n];
  };

  it('answers bad input with a client error and writes nothing', async () => {
    const caller = callerAs(suite.db, admin) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
    const failures: string[] = [];
    const outcomes = new Map<string, number>();
    for (const path of Object.keys(procedureAccess) as ProcedurePath[]) {
      const [namespace = '', name = ''] = path.split('.');
      const call = caller[namespace]?.[name];
      if (!call) throw new Error(`no procedure ${path}`);
      await fc.assert(
        fc.asyncProperty(inputsFor(path), async (input) => {
          const before = await written();
          try {
            await call(input);
            outcomes.set('ok', (outcomes.get('ok') ?? 0) + 1);
          } catch (error) {
            outcomes.set(error instanceof TRPCError ? error.code : 'other', (outcomes.get(error instanceof TRPCError ? error.code : 'other') ?? 0) + 1);
            if (!(error instanceof TRPCError) || error.code === 'INTERNAL_SERVER_ERROR') {
              failures.push(`${path}(${JSON.stringify(input)?.slice(0, 200)}): ${String(error)}`);
              return;
            }
            expect(await written(), `${path} wrote despite refusing ${JSON.stringify(input)?.slice(0, 200)}`).toEqual(before);
          }
        }),
        { numRuns: 25, seed: 20261128 },
      );
    }
    expect(failures).toEqual([]);
    // Most inputs are refused; some are valid, so the fuzzing reaches past validation too.
    expect(outcomes.get('BAD_REQUEST')).toBeGreaterThan(400);
    expect(outcomes.get('ok')).toBeGreaterThan(20);
  });
});
