/** Reads a file as base64 (without the data: prefix). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.onload = () => resolve((typeof reader.result === 'string' ? reader.result : '').replace(/^data:[^,]*,/, ''));
    reader.readAsDataURL(file);
  });
}

/**
 * A fresh idempotency key: 128 random bits as hex. (crypto.randomUUID needs a secure context; a
 * tracker served over plain HTTP on a local network has none.)
 */
export function newIdempotencyKey(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

class NetworkError extends Error {}

/** Network failures are retried this many times with the same idempotency key, so a retry never attaches twice. */
const UPLOAD_RETRIES = 2;

/**
 * Posts an attachment to `evidence.attach` with XMLHttpRequest, which (unlike fetch) reports upload
 * progress. Same JSON contract as every other client. A dropped connection is retried with the
 * same idempotency key: the server answers a repeat with the first result.
 */
export async function uploadAttachment(
  input: { id: string; filename: string; contentBase64: string },
  onProgress: (fraction: number) => void,
): Promise<void> {
  const body = JSON.stringify({ ...input, idempotencyKey: newIdempotencyKey() });
  for (let attempt = 0; ; attempt++) {
    try {
      await postOnce(body, onProgress);
      return;
    } catch (error) {
      if (!(error instanceof NetworkError) || attempt >= UPLOAD_RETRIES) throw error;
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
    }
  }
}

function postOnce(body: string, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/trpc/evidence.attach');
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new NetworkError('The upload was interrupted. Check your connection and try again.'));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
        return;
      }
      try {
        const body = JSON.parse(xhr.responseText) as { error?: { message?: string } };
        reject(new Error(body.error?.message ?? `Upload failed (${xhr.status}).`));
      } catch {
        reject(new Error(xhr.status === 413 ? 'The file is too large (20 MB at most).' : `Upload failed (${xhr.status}).`));
      }
    };
    xhr.send(body);
  });
}
