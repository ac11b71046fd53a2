import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { AppError, MAX_ATTACHMENT_BYTES } from '@tracker/domain';
import type { AttachmentContent } from '@tracker/db';
import { fileTypeFromBuffer } from 'file-type';

/** Types an attachment may have, judged from its content, never from its name. */
export const allowedMediaTypes = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'image/tiff',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'audio/mpeg',
  'audio/mp4',
  'audio/x-m4a',
  'video/mp4',
  'text/plain',
]);

const invalid = (message: string) =>
  new AppError('BAD_REQUEST', `contentBase64: ${message}`, { issues: [{ path: 'contentBase64', message }] });

/** Valid UTF-8 without NUL bytes, checked in place (no decoded copy of a 20 MB file). */
const isUtf8Text = (bytes: Buffer) => !bytes.includes(0) && isUtf8(bytes);

/** Decodes, sizes, hashes and sniffs an upload; refuses anything outside the allow-list. */
export async function inspectAttachment(filename: string, contentBase64: string, maxBytes = MAX_ATTACHMENT_BYTES): Promise<AttachmentContent> {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.byteLength === 0) throw invalid(`${filename}: the file is empty.`);
  if (bytes.byteLength > maxBytes) throw invalid(`${filename}: a file here is at most ${Math.round(maxBytes / 1024 / 1024)} MB.`);
  const sniffed = await fileTypeFromBuffer(bytes);
  const mediaType = sniffed?.mime ?? (isUtf8Text(bytes) ? 'text/plain' : null);
  if (!mediaType || !allowedMediaTypes.has(mediaType)) {
    throw invalid(
      `files of type ${mediaType ?? 'unknown'} are not accepted. Use PDF, an image (PNG, JPEG, WebP, GIF, TIFF), a document (DOCX, XLSX, ODT), audio or video (MP3, M4A, MP4) or plain text.`,
    );
  }
  return { filename, bytes, mediaType, sha256: createHash('sha256').update(bytes).digest('hex') };
}
