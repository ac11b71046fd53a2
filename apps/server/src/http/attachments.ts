import type { IncomingMessage, ServerResponse } from 'node:http';
import { attachmentContent, type DbHandle, type SessionUser } from '@tracker/db';
import { AppError } from '@tracker/domain';
import { sendJson } from './respond';

const route = /^\/api\/evidence\/([0-9a-f-]{36})\/attachments\/([0-9a-f]{64})$/;

export const isAttachmentRoute = (pathname: string) => route.test(pathname);

/**
 * Downloads an attachment with the same visibility rules as its evidence. Always as a download,
 * never rendered in the page, and sandboxed in case a browser tries.
 */
export async function serveAttachment(handle: DbHandle, user: SessionUser | null, pathname: string, req: IncomingMessage, res: ServerResponse) {
  const [, evidenceId, sha256] = route.exec(pathname) ?? [];
  try {
    const file = await attachmentContent(handle.db, user ? { id: user.id, role: user.role } : null, evidenceId as string, sha256 as string);
    const body = Buffer.from(file.content);
    res.writeHead(200, {
      'content-type': file.mediaType,
      'content-length': body.byteLength,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-store',
      etag: `"${file.sha256}"`,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') sendJson(res, 404, { error: { message: 'No such attachment.' } });
    else throw error;
  }
}
