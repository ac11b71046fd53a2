/** Reads a file as base64 (without the data: prefix). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.readAsDataURL(file);
  });
}

/**
 * Posts an attachment to `evidence.attach` with XMLHttpRequest, which (unlike fetch) reports upload
 * progress. Same JSON contract as every other client.
 */
export function uploadAttachment(
  input: { id: string; filename: string; contentBase64: string },
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/trpc/evidence.attach');
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new Error('The upload was interrupted. Check your connection and try again.'));
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
    xhr.send(JSON.stringify(input));
  });
}
