import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hasCatalogue, openDatabase, seedCatalogue, type DbHandle } from '@tracker/db';
import type { Env } from './env';
import { createRequestHandler } from './http/handler';
import { log } from './log';

export interface RunningServer {
  url: string;
  server: Server;
  handle: DbHandle;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  stop(): Promise<void>;
}

/** Serves on an already open database; tests use this with their own handle. */
export async function listen(handle: DbHandle, env: Pick<Env, 'PORT' | 'HOST' | 'TRACKER_WEB_DIST' | 'TRACKER_MAX_BODY_BYTES'>) {
  const server = createServer(
    createRequestHandler({ handle, webDist: env.TRACKER_WEB_DIST, maxBodyBytes: env.TRACKER_MAX_BODY_BYTES }),
  );
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  return { server, url: `http://${host}:${port}` };
}

export function closeServer(server: Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Opens (migrating, and seeding on first start) the configured database and serves the product. */
export async function startServer(env: Env): Promise<RunningServer> {
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.TRACKER_DATA_DIR });
  try {
    if (!(await hasCatalogue(handle.db))) {
      const report = await seedCatalogue(handle.db);
      // A second server starting at the same moment finds nothing left to add.
      if (Object.values(report.inserted).some((n) => n > 0)) {
        log.info('first start: catalogue seeded from the 2023 briefing paper', report.inserted);
      }
    }
    const { server, url } = await listen(handle, env);
    return {
      url,
      server,
      handle,
      stop: async () => {
        await closeServer(server);
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
