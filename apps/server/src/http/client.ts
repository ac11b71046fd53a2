import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** Who is asking, and over what: from the socket, or from the proxy's headers when it is trusted. */
export function clientOf(req: IncomingMessage, trustProxy: boolean): { address: string | null; secure: boolean } {
  const forwardedFor = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const first = (Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor)?.split(',')[0]?.trim();
  const proto = trustProxy ? req.headers['x-forwarded-proto'] : undefined;
  return {
    address: first || req.socket.remoteAddress || null,
    secure: Boolean((req.socket as TLSSocket).encrypted) || proto === 'https',
  };
}
