import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { attachmentContent, logAccess, type DbHandle } from '@tracker/db';
import { AppError, previewableMediaTypes, type Viewer } from '@tracker/domain';
import { refuse } from './respond';

const route = /^\/api\/evidence\/([0-9a-f-]{36})\/attachments\/([0-9a-f]{64})$/;

export const isAttachmentRoute = (pathname: string) => route.test(pathname);

/** How a file is sent: a sandboxed download, or for a previewable type shown in a frame of the dashboard only. */
function presentation(mediaType: string, filename: string, preview: boolean): Record<string, string> {
  const name = `filename*=UTF-8''${encodeURIComponent(filename)}`;
  if (!preview || !(previewableMediaTypes as readonly string[]).includes(mediaType)) {
    return { 'content-disposition': `attachment; ${name}`, 'content-security-policy': "sandbox; default-src 'none'" };
  }
  // A PDF needs the browser's own viewer, which a sandbox blocks; no script or request of the
  // file's own may run, and only the dashboard may frame it.
  return {
    'content-disposition': `inline; ${name}`,
    'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'",
    'x-frame-options': 'SAMEORIGIN',
  };
}

/**
 * Downloads an attachment with the same visibility rules as its evidence: as a download, sandboxed
 * in case a browser renders it, or with `preview` an image or PDF shown inside the dashboard.
 */
export async function serveAttachment(handle: DbHandle, viewer: Viewer | null, clientAddress: string | null, url: URL, req: IncomingMessage, res: ServerResponse) {
  const pathname = url.pathname;
  const [, evidenceId, sha256] = route.exec(pathname) ?? [];
  try {
    const file = await attachmentContent(handle.db, viewer, evidenceId as string, sha256 as string);
    if (viewer && file.visibility !== 'public') {
      await logAccess(handle.db, [{ userId: viewer.id, action: 'attachment.download', entityType: 'evidence', entityId: evidenceId as string, clientAddress }]);
    }
    res.writeHead(200, {
      'content-type': file.mediaType,
      'content-length': file.size,
      ...presentation(file.mediaType, file.filename, url.searchParams.has('preview')),
      'cache-control': 'private, no-store',
      etag: `"${file.sha256}"`,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // Streamed chunk by chunk: a download holds a few chunks in memory, never the whole file.
    for await (const chunk of file.chunks()) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    res.end();
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') refuse(res, 'NOT_FOUND', 'No such attachment.');
    else throw error;
  }
}
