/** Errors postgres.js and Node raise when the server cannot be reached or the connection broke. */
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/** SQLSTATEs of a server that is shutting down, starting up, or out of connections. */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * True when `error` (or anything in its cause chain, as Drizzle wraps driver errors) means the
 * database is unreachable for now rather than that the request was wrong: callers answer 503 and
 * the connection pool reconnects on the next query.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    if (typeof current !== 'object') return false;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (connectionCodes.has(code) || unavailableStates.has(code) || code.startsWith('08'))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** SQLSTATE 53100 (disk_full), or the operating system's ENOSPC, anywhere in the cause chain. */
export function isDiskFull(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    if (typeof current !== 'object') return false;
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (code === '53100' || code === 'ENOSPC' || (typeof message === 'string' && /No space left on device/.test(message))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
