import { seedCatalogue } from '@tracker/db';
import { describeEachDb } from '@tracker/db/testing';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEnv } from '../src/env';
import { closeServer, listen } from '../src/server';

describeEachDb('the HTTP surface', (suite) => {
  let server: Server;
  let base = '';
  const web = mkdtempSync(join(tmpdir(), 'tracker-web-'));

  beforeAll(async () => {
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>tracker</title><div id="root"></div>');
    writeFileSync(join(web, 'assets', 'app-abc123.js'), 'console.log(1)');
    await seedCatalogue(suite.db);
    const started = await listen(suite.handle, { ...readEnv({}), PORT: 0, TRACKER_WEB_DIST: web, TRACKER_MAX_BODY_BYTES: 64 * 1024 });
    server = started.server;
    base = started.url;
  });
  afterAll(async () => {
    await closeServer(server);
    rmSync(web, { recursive: true, force: true });
  });

  it('reports health: the database kind and the applied migration, and nothing about the data', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; database: Record<string, unknown> };
    expect(body.status).toBe('ok');
    expect(Object.keys(body.database).sort()).toEqual(['kind', 'migration']);
    expect(body.database['kind']).toBe(suite.kind);
    expect(body.database['migration']).toMatch(/^\d{4}_/);
  });

  it('serves procedures as plain JSON at /trpc, dates as ISO-8601 strings', async () => {
    const res = await fetch(`${base}/trpc/catalogue.frameworks`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { publishedOn: string }[] } };
    expect(body.result.data[0]?.publishedOn).toBe('2023-08-29');
  });

  it('answers invalid input with 400 and names the field', async () => {
    const input = encodeURIComponent(JSON.stringify({ iso3: 'K1' }));
    const res = await fetch(`${base}/trpc/states.get?input=${input}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; data: { issues: { path: string }[] } } };
    expect(body.error.message).toMatch(/^iso3: /);
    expect(body.error.data.issues[0]?.path).toBe('iso3');
  });

  it('answers an unknown procedure with 404', async () => {
    const res = await fetch(`${base}/trpc/evidence.nothing`);
    expect(res.status).toBe(404);
  });

  it('answers an oversized body with 413', async () => {
    const res = await fetch(`${base}/trpc/states.get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ iso3: 'x'.repeat(100 * 1024) }),
    });
    expect(res.status).toBe(413);
  });

  it('answers a write without a session with 401, naming no data', async () => {
    const res = await fetch(`${base}/trpc/evidence.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(res.status).toBe(401);
  });

  it('accepts an attachment-sized body only on the attachment procedure', async () => {
    const body = JSON.stringify({ id: '00000000-0000-4000-8000-000000000000', filename: 'a.pdf', contentBase64: 'A'.repeat(2 * 1024 * 1024) });
    const elsewhere = await fetch(`${base}/trpc/evidence.create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(elsewhere.status).toBe(413);
    const attach = await fetch(`${base}/trpc/evidence.attach`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(attach.status).toBe(401);
  });

  it('refuses a batch larger than the limit', async () => {
    const paths = Array.from({ length: 25 }, () => 'states.list').join(',');
    const res = await fetch(`${base}/trpc/${paths}?batch=1&input={}`);
    expect(res.status).toBe(400);
  });

  it('serves the dashboard, with client-side routes falling back to index.html', async () => {
    for (const path of ['/', '/states/KHM', '/recommendations/A.1']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
    }
    const asset = await fetch(`${base}/assets/app-abc123.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/assets/missing-123.js`)).status).toBe(404);
  });

  it('answers unknown API routes with a JSON 404, not the dashboard', async () => {
    const res = await fetch(`${base}/api/nothing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('sends security headers on every response', async () => {
    for (const path of ['/', '/api/health', '/trpc/states.list']) {
      const res = await fetch(`${base}${path}`);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});
