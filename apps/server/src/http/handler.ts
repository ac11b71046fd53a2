import type { IncomingMessage, ServerResponse } from 'node:http';
import { appRouter, createContextInner } from '@tracker/api';
import type { DbHandle } from '@tracker/db';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { log } from '../log';
import { healthReport } from './health';
import { sendJson, setSecurityHeaders } from './respond';
import { dashboard } from './static';

export interface HandlerOptions {
  handle: DbHandle;
  webDist: string;
  maxBodyBytes: number;
}

/** Largest number of calls one batched tRPC request may carry. */
export const MAX_BATCH_SIZE = 20;

export function createRequestHandler({ handle, webDist, maxBodyBytes }: HandlerOptions) {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: maxBodyBytes,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: () => createContextInner({ db: handle.db }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') log.error('procedure failed', { path, error: error.cause ?? error });
    },
  });
  const serveDashboard = dashboard(webDist);

  return (req: IncomingMessage, res: ServerResponse) => {
    setSecurityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) {
      sendJson(res, 413, { error: { message: `Request body is larger than ${maxBodyBytes} bytes.` } });
      req.resume();
      return;
    }
    if (url.pathname.startsWith('/trpc/')) {
      trpc(req, res);
      return;
    }
    if (url.pathname === '/api/health') {
      healthReport(handle).then(
        (report) => sendJson(res, 200, report),
        (error: unknown) => {
          log.error('health check failed', { error });
          sendJson(res, 503, { status: 'unavailable', database: { kind: handle.kind } });
        },
      );
      return;
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/') || url.pathname === '/trpc') {
      sendJson(res, 404, { error: { message: `No route ${url.pathname}.` } });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendJson(res, 405, { error: { message: `${req.method} is not allowed here.` } });
      return;
    }
    serveDashboard(req, res);
  };
}
