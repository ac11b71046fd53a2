import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthServices, issueOneTimeLink } from '@tracker/api';
import { analyzeTables, countUsers, hasCatalogue, openDatabase, pruneIdempotencyKeys, pruneSessions, pruneThrottle, seedCatalogue, useMail, type DbHandle } from '@tracker/db';
import type { Env } from './env';
import { createRequestHandler } from './http/handler';
import { pageTexts } from './http/page-texts';
import { storageGuard } from './http/storage';
import { startMailSender } from './mail/sender';
import { startChores } from './chores';
import { smtpTransport } from './mail/transport';
import { keyCreatedMessage } from './key-message';
import { log } from './log';

export interface RunningServer {
  url: string;
  server: Server;
  handle: DbHandle;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  stop(): Promise<void>;
}

/** Serves on an already open database; tests use this with their own handle. */
export type ListenEnv = Pick<
  Env,
  | 'PORT'
  | 'HOST'
  | 'TRACKER_WEB_DIST'
  | 'TRACKER_MAX_BODY_BYTES'
  | 'TRACKER_TRUST_PROXY'
  | 'TRACKER_PUBLIC_URL'
  | 'TRACKER_SESSION_IDLE_MINUTES'
  | 'TRACKER_SESSION_ABSOLUTE_HOURS'
  | 'TRACKER_MIN_FREE_MB'
>;

export async function listen(handle: DbHandle, env: ListenEnv) {
  const auth = createAuthServices({
    idleMs: env.TRACKER_SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: env.TRACKER_SESSION_ABSOLUTE_HOURS * 3_600_000,
  });
  let listening = '';
  const publicUrl = env.TRACKER_PUBLIC_URL?.replace(/\/$/, '');
  const server = createServer(
    createRequestHandler({
      handle,
      webDist: env.TRACKER_WEB_DIST,
      maxBodyBytes: env.TRACKER_MAX_BODY_BYTES,
      auth,
      trustProxy: env.TRACKER_TRUST_PROXY,
      origin: () => publicUrl ?? listening,
      // PostgreSQL keeps its data on its own disk and says so itself (SQLSTATE 53100).
      storage: handle.config.kind === 'pglite' && handle.config.dataDir ? storageGuard(handle.config.dataDir, env.TRACKER_MIN_FREE_MB * 2 ** 20) : null,
    }),
  );
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  listening = `http://${host}:${port}`;
  return { server, url: listening };
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
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.TRACKER_DATA_DIR, keyFile: env.TRACKER_KEY_FILE });
  if (handle.keyCreated) log.warn(keyCreatedMessage(env.TRACKER_KEY_FILE));
  if (handle.sealed.evidence + handle.sealed.accounts > 0) log.info('sealed content stored before encryption', { ...handle.sealed });
  try {
    if (!(await hasCatalogue(handle.db))) {
      const report = await seedCatalogue(handle.db);
      // A second server starting at the same moment finds nothing left to add.
      if (Object.values(report.inserted).some((n) => n > 0)) {
        log.info('first start: catalogue seeded from the 2023 briefing paper', report.inserted);
        await analyzeTables(handle.db);
      }
    }
    // Sessions past their lifetime for a month are of no use to anyone; keep the table small.
    await pruneSessions(handle.db, new Date(Date.now() - 30 * 86_400_000));
    // Retry keys and attempt counters only matter for a day.
    await pruneIdempotencyKeys(handle.db);
    await pruneThrottle(handle.db);
    const { server, url } = await listen(handle, env);
    // Mail, when configured: notices are queued with the events and sent from the outbox.
    useMail(Boolean(env.TRACKER_SMTP_URL));
    const mail =
      env.TRACKER_SMTP_URL && env.TRACKER_MAIL_FROM
        ? startMailSender(handle, { transport: smtpTransport(env.TRACKER_SMTP_URL), from: env.TRACKER_MAIL_FROM, origin: () => env.TRACKER_PUBLIC_URL?.replace(/\/$/, '') ?? url, texts: pageTexts() })
        : null;
    if (!mail) log.info('mail is off (no TRACKER_SMTP_URL): notices appear in each person’s inbox only');
    const chores = startChores(handle);
    if ((await countUsers(handle.db)) === 0) {
      // No account yet and no default credentials: a one-time link creates the first admin.
      const link = await issueOneTimeLink(handle, 'setup', null);
      log.info(
        `No account exists yet. Create the first administrator within 24 hours at:\n\n    ${env.TRACKER_PUBLIC_URL ?? url}${link.path}\n\n` +
          'The link works once. Or, from a shell: npm run tracker -- users:create --email you@example.org --role admin --password-stdin',
      );
    }
    return {
      url,
      server,
      handle,
      stop: async () => {
        await closeServer(server);
        await chores.stop();
        await mail?.stop();
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
