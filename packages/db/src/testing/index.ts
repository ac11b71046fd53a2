export { describeEachDb, type DbSuite } from './describe-each-db';
export { createTestDatabase, type TestDatabase } from './databases';
export { requireEverySuite } from './postgres-server';
export { approvedAssessment, createUser, evidenceFields, must, seededTeam, verifiedEvidence, type TestUser } from './factories';
