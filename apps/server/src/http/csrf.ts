import type { IncomingMessage } from 'node:http';

/**
 * Refuses state-changing requests a hostile page could send from another site: a browser only sends
 * `application/json` cross-site after a CORS preflight (which this server never grants), and it
 * labels cross-site requests with Origin and Sec-Fetch-Site. Returns the reason, or null when fine.
 */
export function csrfRefusal(req: IncomingMessage): string | null {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') return 'State-changing requests must send Content-Type: application/json.';
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return 'Cross-site requests are refused.';
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    try {
      if (new URL(origin).host !== req.headers.host) return 'Cross-origin requests are refused.';
    } catch {
      return 'Cross-origin requests are refused.';
    }
  } else if (origin === 'null') {
    return 'Requests from opaque origins are refused.';
  }
  return null;
}
