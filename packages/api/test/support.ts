import type { Database } from '@tracker/db';
import type { TestUser } from '@tracker/db/testing';
import { createCaller, createContextInner } from '../src';

/** A caller acting as `user`, or as the public when null: the way a signed-in client would call. */
export function callerAs(db: Database, user: TestUser | null) {
  return createCaller(createContextInner({ db, user }));
}

/** Settles a promise to its error (or fails the test if it resolved). */
export async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
