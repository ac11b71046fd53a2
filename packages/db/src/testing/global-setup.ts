import type { TestProject } from 'vitest/node';
import { createDb } from '../client';
import { migrate } from '../migrate';
import { adminUrl, databaseUrl, randomName, requireEverySuite, withAdmin } from './postgres-server';

/**
 * Migrates one template database per test run; every suite then copies it (CREATE DATABASE ...
 * TEMPLATE), which is far cheaper than migrating each suite's database.
 */
export default async function setup(project: TestProject) {
  let template: string | null = null;
  try {
    template = randomName('tracker_template');
    await withAdmin((sql) => sql.unsafe(`create database ${template}`));
    const handle = await createDb({ kind: 'postgres', url: databaseUrl(template), maxConnections: 1 });
    await migrate(handle);
    await handle.close();
    project.provide('postgresTemplate', template);
    project.provide('postgresUnavailable', null);
  } catch (error) {
    const reason = `PostgreSQL at ${adminUrl} is unavailable: ${(error as Error).message}`;
    if (requireEverySuite) throw new Error(`${reason}. With CI=true the PostgreSQL suites must run.`);
    console.warn(`\n!!! ${reason}\n!!! Every PostgreSQL variant of the data tests will be SKIPPED.\n`);
    project.provide('postgresTemplate', null);
    project.provide('postgresUnavailable', reason);
    return;
  }
  return async () => {
    await withAdmin((sql) => sql.unsafe(`drop database if exists ${template} with (force)`));
  };
}
