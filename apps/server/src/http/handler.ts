import type { IncomingMessage, ServerResponse } from 'node:http';
import { appRouter, createContextInner, describeError, hashToken, toTRPCError, viewerOfUser, type AuthServices, type StorageGuard } from '@tracker/api';
import { sessionUser, type DbHandle } from '@tracker/db';
import { AppError, MAX_ATTACH_BODY_BYTES, MAX_BATCH_SIZE, MAX_INTAKE_BODY_BYTES, RETRY_AFTER_SECONDS } from '@tracker/domain';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { log } from '../log';
import { isExportRoute, PUBLIC_DOWNLOAD_CACHE, serveExport } from '../open-data/exports';
import { isFeedRoute, serveFeed } from '../open-data/feeds';
import { createRestHandler, isRestRoute } from '../open-data/rest';
import { isAttachmentRoute, serveAttachment } from './attachments';
import { clientOf } from './client';
import { csrfRefusal } from './csrf';
import { healthReport } from './health';
import { refuse, sendError, sendJson, setSecurityHeaders } from './respond';
import { clearSessionCookie, readSessionToken, setSessionCookie } from './session-cookie';
import { compress } from './compress';
import { hasSessionCookie, isSessionlessRead, keptAnswers } from './kept-answers';
import { pageTexts } from './page-texts';
import { sendPage } from './pages';
import { isCrawlerRoute, serveCrawlerFile } from '../open-data/sitemap';
import { dashboard } from './static';
import { UploadGate } from './upload-gate';

export interface HandlerOptions {
  handle: DbHandle;
  webDist: string;
  maxBodyBytes: number;
  auth: AuthServices;
  /** How many reverse proxies in front of the server to trust (see client.ts). */
  trustProxy: number;
  /**
   * Base for absolute links (feeds, the OpenAPI document): TRACKER_PUBLIC_URL, else the listening
   * address. Never the request's Host header, which anyone can write.
   */
  origin: () => string;
  uploads?: UploadGate;
  /** Refuses writes on a (nearly) full disk; null where the database's disk is not ours to watch. */
  storage?: StorageGuard | null;
}

/** How long /api/health waits for the database before it answers 503. */
const HEALTH_TIMEOUT_MS = 1000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Attachments travel base64-encoded in JSON (20 MB of content is about 27 MB of body); CSV imports as
 * text; a submission from /share carries up to three 10 MB files.
 */
const LARGE_BODY_PATHS = new Set(['/trpc/evidence.attach', '/trpc/evidence.import', '/trpc/intake.submit']);
const INTAKE_PATH = '/trpc/intake.submit';

export function createRequestHandler({ handle, webDist, maxBodyBytes, auth, trustProxy, origin, uploads = new UploadGate(), storage = null }: HandlerOptions) {
  /** The signed-in user behind a request's session cookie, or null: the one place a session is read. */
  const userOf = (req: IncomingMessage) => {
    const token = readSessionToken(req);
    return token ? sessionUser(handle.db, hashToken(token), auth.idleMs) : Promise.resolve(null);
  };
  const createContext = async ({ req, res }: { req: IncomingMessage; res: ServerResponse }) => {
    const client = clientOf(req, trustProxy);
    const token = readSessionToken(req);
    const user = await userOf(req).catch((error: unknown) => {
      // Reading the session is the first query of every call: a database that is down answers 503 here.
      throw toTRPCError(error) ?? error;
    });
    return createContextInner({
      db: handle.db,
      user,
      auth,
      storage,
      http: {
        clientAddress: client.address,
        userAgent: req.headers['user-agent'] ?? null,
        sessionToken: token,
        setSessionCookie: (value, maxAge) => setSessionCookie(res, value, maxAge, client.secure),
        clearSessionCookie: () => clearSessionCookie(res, client.secure),
      },
    });
  };
  const trpcWithLimit = (limit: number) =>
    createHTTPHandler({
      router: appRouter,
      basePath: '/trpc/',
      maxBodySize: limit,
      maxBatchSize: MAX_BATCH_SIZE,
      createContext,
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') log.error('procedure failed', { path, error: error.cause ?? error });
        if (error.code === 'SERVICE_UNAVAILABLE') log.warn('unavailable', { path, error: String(error.cause ?? error) });
      },
      responseMeta: ({ errors }) => {
        const retry = errors.map((e) => describeError(e).retryAfterSeconds).find((s) => s !== undefined);
        return retry ? { headers: { 'retry-after': String(retry) } } : {};
      },
    });
  const attachLimit = Math.max(maxBodyBytes, MAX_ATTACH_BODY_BYTES);
  const trpc = trpcWithLimit(maxBodyBytes);
  const trpcLarge = trpcWithLimit(attachLimit);
  const intakeLimit = Math.max(maxBodyBytes, MAX_INTAKE_BODY_BYTES);
  const trpcIntake = trpcWithLimit(intakeLimit);
  const keep = keptAnswers(handle.db);
  const texts = pageTexts();
  // A page's HTML is the same for everyone (its head is made of public data), so it is kept like
  // other public answers; the build is in the key, so a new build is never answered 304 with old bytes.
  const serveDashboard = dashboard(webDist, (req, res, index, build) => {
    keep(req, res, `page ${build} ${new URL(req.url ?? '/', 'http://page').pathname}`, () => sendPage(handle.db, texts, index, origin(), req, res)).catch((error: unknown) =>
      sendError(res, error, { path: req.url ?? '/' }),
    );
  });
  const rest = createRestHandler(handle, auth, keep);
  const noRoute = (res: ServerResponse, pathname: string) => refuse(res, 'NOT_FOUND', `No route ${pathname}.`);

  return (req: IncomingMessage, res: ServerResponse) => {
    setSecurityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Files attached to evidence go out as they are stored (images and PDFs are compressed already,
    // and downloads answer ranges); everything else is compressed for clients that accept it.
    if (isAttachmentRoute(url.pathname)) route(req, res, url);
    else compress(req, res, () => route(req, res, url));
  };

  function route(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const isLarge = LARGE_BODY_PATHS.has(url.pathname);
    const isIntake = url.pathname === INTAKE_PATH;
    const limit = isIntake ? intakeLimit : isLarge ? attachLimit : maxBodyBytes;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      refuse(res, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes.`);
      req.resume();
      return;
    }
    if (url.pathname.startsWith('/trpc/')) {
      const refusal = csrfRefusal(req);
      if (refusal) {
        refuse(res, 'FORBIDDEN', refusal);
        req.resume();
        return;
      }
      if (!isLarge) {
        if (!isSessionlessRead(req, url)) {
          trpc(req, res);
          return;
        }
        // tRPC answers in another format (streamed JSON lines) by these headers, and says so in Vary.
        const format = `${String(req.headers['trpc-accept'] ?? '')} ${String(req.headers.accept ?? '')}`;
        keep(req, res, `${format} ${url.pathname}${url.search}`, () => trpc(req, res)).catch((error: unknown) => sendError(res, error, { path: url.pathname }));
        return;
      }
      // Large bodies take turns, per account and overall, before a byte of them is read.
      const account = readSessionToken(req) ?? `address:${clientOf(req, trustProxy).address ?? 'unknown'}`;
      void uploads.enter(account).then((release) => {
        if (!release) {
          sendError(res, new AppError('SERVICE_UNAVAILABLE', 'Too many uploads are in progress. Try again in a few seconds.', { retryAfterSeconds: 10 }));
          req.resume();
          return;
        }
        res.once('close', release);
        (isIntake ? trpcIntake : trpcLarge)(req, res);
      });
      return;
    }
    if (url.pathname === '/api/health') {
      // Answers within HEALTH_TIMEOUT_MS whatever the database does: a monitor must not hang with it.
      withTimeout(
        userOf(req)
          .catch(() => null)
          .then((user) => healthReport(handle, viewerOfUser(user)?.role === 'admin')),
        HEALTH_TIMEOUT_MS,
      ).then(
        (report) => sendJson(res, 200, report),
        (error: unknown) => {
          log.warn('health check failed', { error: String(error) });
          res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
          sendJson(res, 503, { status: 'unavailable', database: { kind: handle.kind } });
        },
      );
      return;
    }
    if (isAttachmentRoute(url.pathname) && (req.method === 'GET' || req.method === 'HEAD')) {
      userOf(req)
        .then((user) => serveAttachment(handle, viewerOfUser(user), clientOf(req, trustProxy).address, url, req, res))
        .catch((error: unknown) => sendError(res, error, { path: url.pathname }));
      return;
    }
    if ((isExportRoute(url.pathname) || isFeedRoute(url.pathname)) && (req.method === 'GET' || req.method === 'HEAD')) {
      // Feeds are public; a download without a session is the public one. Both are kept as bytes.
      const answer = isFeedRoute(url.pathname)
        ? () => serveFeed(handle, url, origin(), req, res)
        : hasSessionCookie(req)
          ? null
          : () => serveExport(handle, url, req, res, { viewer: null, clientAddress: null });
      (answer
        ? keep(req, res, `${url.pathname}${url.search}`, answer, { cacheControl: PUBLIC_DOWNLOAD_CACHE })
        : userOf(req)
            .catch(() => null)
            .then((user) => serveExport(handle, url, req, res, { viewer: viewerOfUser(user), clientAddress: clientOf(req, trustProxy).address }))
      ).catch((error: unknown) => sendError(res, error, { path: url.pathname }));
      return;
    }
    if (isCrawlerRoute(url.pathname) && (req.method === 'GET' || req.method === 'HEAD')) {
      keep(req, res, url.pathname, () => serveCrawlerFile(handle.db, url, origin(), req, res), { cacheControl: PUBLIC_DOWNLOAD_CACHE }).catch((error: unknown) =>
        sendError(res, error, { path: url.pathname }),
      );
      return;
    }
    if (isRestRoute(url.pathname)) {
      rest(req, res, url, origin(), () => noRoute(res, url.pathname)).catch((error: unknown) => sendError(res, error, { path: url.pathname }));
      return;
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/') || url.pathname === '/trpc') {
      noRoute(res, url.pathname);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      refuse(res, 'METHOD_NOT_SUPPORTED', `${req.method} is not allowed here.`);
      return;
    }
    serveDashboard(req, res);
  }
}
