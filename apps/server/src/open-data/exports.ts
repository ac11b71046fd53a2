import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logAccess, type DbHandle } from '@tracker/db';
import { isoDateSchema, todayUtc, type Viewer } from '@tracker/domain';
import { refuse } from '../http/respond';
import { toCsv } from './csv';
import { datasets } from './datasets';

const route = /^\/api\/v1\/export\/([a-z]+(?:-[a-z]+)*)\.(csv|json)$/;
export const isExportRoute = (pathname: string) => route.test(pathname) || pathname === '/api/v1/export/dictionary.json';

/** A strong validator for a response body: the first 160 bits of its SHA-256. */
export const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** How long browsers and proxies may keep a download or feed without asking again. */
export const PUBLIC_DOWNLOAD_CACHE = 'public, max-age=300';

/**
 * Sends a GET body with an ETag (the data version's, when the answer is kept; else the body's),
 * answering 304 when the client already has it.
 */
export function sendCacheable(req: IncomingMessage, res: ServerResponse, body: string, contentType: string, filename?: string) {
  const given = res.getHeader('etag');
  const etag = typeof given === 'string' ? given : etagOf(body);
  const headers: Record<string, string> = { etag, 'cache-control': PUBLIC_DOWNLOAD_CACHE, vary: 'Accept-Encoding' };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, {
    ...headers,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    ...(filename ? { 'content-disposition': `attachment; filename="${filename}"` } : {}),
  });
  // Node sends no body to a HEAD request; the body is passed so a kept answer has it.
  res.end(body);
}

/** `/api/v1/export/{evidence,assessments,matrix,scorecards,replies,commitments,commitments-overdue}.{csv,json}` and the data dictionary. */
export async function serveExport(
  handle: DbHandle,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
  caller: { viewer: Viewer | null; clientAddress: string | null },
): Promise<void> {
  if (url.pathname === '/api/v1/export/dictionary.json') {
    const dictionary = Object.fromEntries(Object.entries(datasets).map(([name, d]) => [name, { description: d.description, columns: d.columns }]));
    sendCacheable(req, res, JSON.stringify(dictionary, null, 2), 'application/json; charset=utf-8');
    return;
  }
  const [, name, format] = route.exec(url.pathname) ?? [];
  // Only the datasets' own names: `constructor` or `__proto__` name nothing.
  const dataset = name && Object.hasOwn(datasets, name) ? datasets[name] : undefined;
  if (!dataset) {
    refuse(res, 'NOT_FOUND', `No dataset ${name}. Available: ${Object.keys(datasets).join(', ')}, and dictionary.json.`);
    return;
  }
  const asOfParam = url.searchParams.get('asOf');
  const asOf = asOfParam ? isoDateSchema.safeParse(asOfParam) : null;
  if (asOf && !asOf.success) {
    const message = asOf.error.issues[0]?.message ?? 'Use a date written as YYYY-MM-DD.';
    refuse(res, 'BAD_REQUEST', `asOf: ${message}`, [{ path: 'asOf', message }]);
    return;
  }
  if (caller.viewer) {
    await logAccess(handle.db, [{ userId: caller.viewer.id, action: 'export', entityType: 'dataset', entityId: `${name}.${format}`, clientAddress: caller.clientAddress }]);
  }
  // A bad filter is thrown as the validation error it is, and answered like any other (one error path).
  const given = Object.fromEntries([...url.searchParams].filter(([key]) => key !== 'asOf' && key !== 'excel'));
  const filter = dataset.filter ? dataset.filter.parse(given) : {};
  const rows = await dataset.rows(handle.db, asOf?.data ?? todayUtc(), filter);
  const columns = Object.keys(dataset.columns);
  if (format === 'json') {
    const body = JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))));
    sendCacheable(req, res, body, 'application/json; charset=utf-8');
    return;
  }
  const excel = url.searchParams.get('excel') === '1';
  sendCacheable(req, res, toCsv(columns, rows, excel), 'text/csv; charset=utf-8', `${name}.csv`);
}
