import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** A header's comma-separated values, in order, however many times the header was sent. */
function listOf(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * Who is asking, and over what. Behind `trustedHops` reverse proxies, each proxy appends the
 * address it received the request from to X-Forwarded-For, so the client is the address the
 * outermost trusted proxy added: `trustedHops` from the right. Anything to the left of it was
 * written by the client and proves nothing.
 */
export function clientOf(req: IncomingMessage, trustedHops: number): { address: string | null; secure: boolean } {
  const socket = req.socket.remoteAddress ?? null;
  const tlsSocket = Boolean((req.socket as TLSSocket).encrypted);
  if (trustedHops === 0) return { address: socket, secure: tlsSocket };
  const forwarded = listOf(req.headers['x-forwarded-for']);
  const protos = listOf(req.headers['x-forwarded-proto']);
  const address = forwarded.length > 0 ? (forwarded[Math.max(0, forwarded.length - trustedHops)] ?? null) : socket;
  return { address: address ?? socket, secure: tlsSocket || protos.at(-1) === 'https' };
}
