export { createDb, type Database, type DbConfig, type DbHandle, type DbKind, type Schema } from './client';
export { migrate, migrationState, migrationsFolder, resultRows, type MigrationState } from './migrate';
export { openDatabase, type OpenOptions } from './open';
export { lockDataDir } from './data-dir-lock';
export * from './queries';
export * from './seed';
export * as schema from './schema';
export * from './ledger';
export * from './backup';
