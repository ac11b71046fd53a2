export { describeEachDb, type DbSuite } from './describe-each-db';
export { createTestDatabase, type TestDatabase } from './databases';
export { requireEverySuite } from './postgres-server';
export { createUser, evidenceFields, must, type TestUser } from './factories';
