import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves the built dashboard. Unknown paths get index.html so client-side routes can be bookmarked;
 * hashed assets are cached for a year, index.html never.
 */
export function dashboard(distDir: string): Handler {
  if (!existsSync(join(distDir, 'index.html'))) {
    return (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`The dashboard has not been built (${distDir} has no index.html). Run: npm run build\n`);
    };
  }
  return sirv(distDir, {
    single: true,
    dev: false,
    etag: true,
    setHeaders(res, pathname) {
      res.setHeader(
        'cache-control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
