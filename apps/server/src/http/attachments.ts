import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { attachmentContent, logAccess, type DbHandle } from '@tracker/db';
import { AppError, type Viewer } from '@tracker/domain';
import { refuse } from './respond';

const route = /^\/api\/evidence\/([0-9a-f-]{36})\/attachments\/([0-9a-f]{64})$/;

export const isAttachmentRoute = (pathname: string) => route.test(pathname);

/**
 * Downloads an attachment with the same visibility rules as its evidence. Always as a download,
 * never rendered in the page, and sandboxed in case a browser tries.
 */
export async function serveAttachment(handle: DbHandle, viewer: Viewer | null, clientAddress: string | null, pathname: string, req: IncomingMessage, res: ServerResponse) {
  const [, evidenceId, sha256] = route.exec(pathname) ?? [];
  try {
    const file = await attachmentContent(handle.db, viewer, evidenceId as string, sha256 as string);
    if (viewer && file.visibility !== 'public') {
      await logAccess(handle.db, [{ userId: viewer.id, action: 'attachment.download', entityType: 'evidence', entityId: evidenceId as string, clientAddress }]);
    }
    res.writeHead(200, {
      'content-type': file.mediaType,
      'content-length': file.size,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'content-security-policy': "sandbox; default-src 'none'",
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
