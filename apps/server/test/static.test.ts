import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dashboard } from '../src/http/static';
import { closeServer } from '../src/server';

let dir = '';
let server: Server;
let base = '';

/** Status, or 'cut' when the reply was cut off. */
const status = (path: string, headers: Record<string, string> = {}) =>
  new Promise<number | 'cut'>((resolve) => {
    get(`${base}${path}`, { headers }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve('cut'));
      res.on('aborted', () => resolve('cut'));
    }).on('error', () => resolve('cut'));
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tracker-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  const script = 'console.log("a built script");'.repeat(100);
  writeFileSync(join(dir, 'assets', 'app.js'), script);
  writeFileSync(join(dir, 'assets', 'app.js.br'), brotliCompressSync(script));
  writeFileSync(join(dir, 'assets', 'other.js'), script);
  server = createServer(dashboard(dir, (_req, res, index) => res.end(index)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
});
afterAll(async () => {
  await closeServer(server);
  rmSync(dir, { recursive: true, force: true });
});

it('keeps serving when a built file disappears under it (a build over a running server)', async () => {
  expect(await status('/assets/app.js', { 'accept-encoding': 'br' })).toBe(200);
  rmSync(join(dir, 'assets', 'app.js.br'));
  rmSync(join(dir, 'assets', 'other.js'));
  // The vanished files cannot be sent; the process must not stop over it.
  expect(await status('/assets/app.js', { 'accept-encoding': 'br' })).not.toBe(200);
  expect(await status('/assets/other.js')).not.toBe(200);
  expect(await status('/assets/app.js')).toBe(200);
  expect(await status('/en/')).toBe(200);
});
