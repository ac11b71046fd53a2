import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
/** Answers a page address with the built index.html (`build` names that build, for caching). */
export type PageHandler = (req: IncomingMessage, res: ServerResponse, index: string, build: string) => void;

/**
 * Serves the built dashboard. Files are served as built, precompressed where the client accepts it;
 * any other path is a page address, answered by `page` with index.html (including ones with a dot,
 * like /recommendations/A.1, so they can be bookmarked). Hashed assets are cached for a year.
 */
export function dashboard(distDir: string, page: PageHandler): Handler {
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) {
    return (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`The dashboard has not been built (${distDir} has no index.html). Run: npm run build\n`);
    };
  }
  const index = readFileSync(indexPath);
  const build = createHash('sha256').update(index).digest('hex').slice(0, 16);
  const indexText = index.toString('utf8');
  const files = sirv(distDir, {
    dev: false,
    etag: true,
    // The build writes .br and .gz beside each text file (apps/web/build/precompress.ts): sent by
    // negotiation with Accept-Encoding, with Vary: Accept-Encoding.
    brotli: true,
    gzip: true,
    setHeaders(res, pathname) {
      res.setHeader(
        'cache-control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return (req, res) => {
    // sirv lists the files once, at start, and pipes each from disk without handling a read error:
    // a file removed since (a build over a running server) would throw an unhandled error and stop
    // the process. Such a reply is cut off instead; the next request is served as usual.
    res.once('pipe', (source: NodeJS.ReadableStream) => source.once('error', () => res.destroy()));
    files(req, res, () => {
      if ((req.url ?? '').startsWith('/assets/')) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found\n');
        return;
      }
      page(req, res, indexText, build);
    });
  };
}
