import postgres from 'postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Name of a migrated template database, or null when PostgreSQL is unavailable. */
    postgresTemplate: string | null;
    postgresUnavailable: string | null;
  }
}

/** Where data tests find PostgreSQL; `TEST_DATABASE_URL` overrides. Read here, the one test-side place. */
export const adminUrl = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const requireEverySuite = process.env['CI'] === 'true';

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function randomName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Runs `work` on a short-lived single connection to the maintenance database. */
export async function withAdmin<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
