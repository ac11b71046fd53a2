import { seedCatalogue } from '@tracker/db';
import { createUser, describeEachDb, verifiedEvidence } from '@tracker/db/testing';
import { readFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEnv } from '../src/env';
import { closeServer, listen } from '../src/server';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes on the wire, before any decoding. */
  bytes: Buffer;
}

/** A GET (or HEAD) that keeps the body as sent: fetch would decode it and hide what travelled. */
function raw(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const decoded = (r: Raw) => (r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.bytes) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.bytes) : r.bytes);

describeEachDb('compression', (suite) => {
  let server: Server;
  let base = '';
  let attachment = '';
  const dist = readEnv({}).TRACKER_WEB_DIST;
  const indexHtml = readFileSync(`${dist}/index.html`, 'utf8');
  const entry = /src="(\/assets\/index-[^"]+\.js)"/.exec(indexHtml)?.[1] ?? '';
  const text = 'A long plain-text transcript of the court ruling. '.repeat(200);

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    const monitor = await createUser(suite.db, 'monitor');
    const reviewer = await createUser(suite.db, 'reviewer');
    const item = await verifiedEvidence(suite.db, monitor, reviewer, {}, { attachment: { filename: 'ruling.txt', bytes: Buffer.from(text), mediaType: 'text/plain' } });
    attachment = `/api/evidence/${item.id}/attachments/${item.attachments[0]?.sha256 ?? ''}`;
    const started = await listen(suite.handle, { ...readEnv({}), PORT: 0 });
    server = started.server;
    base = started.url;
  });
  afterAll(() => closeServer(server));

  it('sends built assets precompressed by negotiation, and as built to clients that accept neither', async () => {
    expect(entry).not.toBe('');
    const original = readFileSync(`${dist}${entry}`);
    const br = await raw(`${base}${entry}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.bytes).toEqual(readFileSync(`${dist}${entry}.br`));
    expect(decoded(br)).toEqual(original);
    expect(br.bytes.length).toBeLessThan(original.length / 3);
    const gzip = await raw(`${base}${entry}`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(decoded(gzip)).toEqual(original);
    const plain = await raw(`${base}${entry}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes).toEqual(original);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('compresses JSON, CSV and feeds above a small size, and the ETag still saves the transfer', async () => {
    for (const path of ['/api/v1/scorecards/matrix', '/api/v1/export/matrix.csv', '/feeds/all.atom', `/trpc/states.list`, '/states/KHM']) {
      const plain = await raw(`${base}${path}`);
      const br = await raw(`${base}${path}`, { 'accept-encoding': 'br' });
      const gzip = await raw(`${base}${path}`, { 'accept-encoding': 'gzip' });
      expect(plain.status, path).toBe(200);
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      expect(br.headers['content-encoding'], path).toBe('br');
      expect(gzip.headers['content-encoding'], path).toBe('gzip');
      expect(br.headers['vary'], path).toMatch(/accept-encoding/i);
      expect(decoded(br), path).toEqual(plain.bytes);
      expect(decoded(gzip), path).toEqual(plain.bytes);
      expect(br.bytes.length, path).toBeLessThan(plain.bytes.length);
    }
    const first = await raw(`${base}/api/v1/scorecards/matrix`, { 'accept-encoding': 'br' });
    const again = await raw(`${base}/api/v1/scorecards/matrix`, { 'accept-encoding': 'br', 'if-none-match': String(first.headers['etag']) });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
  });

  it('leaves small answers and attached files as they are, and HEAD without a body', async () => {
    const health = await raw(`${base}/api/health`, { 'accept-encoding': 'br' });
    expect(health.headers['content-encoding']).toBeUndefined();
    const head = await raw(`${base}/api/v1/scorecards/matrix`, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.bytes.length).toBe(0);
    const file = await raw(`${base}${attachment}`, { 'accept-encoding': 'br, gzip' });
    expect(file.status).toBe(200);
    expect(file.headers['content-encoding']).toBeUndefined();
    expect(file.bytes.toString()).toBe(text);
  });
});
