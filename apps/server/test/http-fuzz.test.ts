import { openApiDocument } from '@tracker/api';
import { seedCatalogue } from '@tracker/db';
import { describeEachDb } from '@tracker/db/testing';
import { procedureAccess } from '@tracker/domain';
import fc from 'fast-check';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEnv } from '../src/env';
import { closeServer, listen } from '../src/server';
import { openApiContract } from './support/openapi-contract';

/** Values that have broken routes before: impossible dates, prototype names, odd encodings, huge numbers. */
const hostile = fc.oneof(
  fc.constantFrom(
    '0000-01-01',
    '9999-12-31',
    '2024-02-30',
    '-1',
    '1e309',
    'NaN',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    '%00',
    '%E0%A4%A',
    '..%2F..%2Fetc%2Fpasswd',
    "'; drop table evidence; --",
    'x'.repeat(5000),
    '',
    '[]',
    '{"a":1}',
    'true',
    'KHM',
    'A.1',
    '00000000-0000-4000-8000-000000000000',
  ),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.integer().map(String),
);

/**
 * Every HTTP route with hostile path segments and query values: the answer may be 2xx, 3xx or 4xx,
 * never 5xx.
 */
describeEachDb('every HTTP route under hostile input', (suite) => {
  let server: Server;
  let base = '';

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    const started = await listen(suite.handle, { ...readEnv({}), PORT: 0 });
    server = started.server;
    base = started.url;
  });
  afterAll(() => closeServer(server));

  /** Route templates: `{x}` is a path segment, and every listed query name gets a value. */
  function routes(): { path: string; query: string[] }[] {
    const doc = openApiDocument(base) as { paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }> };
    const rest = Object.entries(doc.paths).map(([path, item]) => ({
      path: `/api/v1${path}`,
      query: (item.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    }));
    const queries = Object.entries(procedureAccess)
      .filter(([path]) => !path.startsWith('auth.'))
      .map(([path]) => ({ path: `/trpc/${path}`, query: ['input'] }));
    return [
      ...rest,
      ...queries,
      { path: '/api/v1/export/{name}.csv', query: ['asOf', 'excel'] },
      { path: '/api/v1/export/{name}.json', query: ['asOf'] },
      ...['evidence', 'assessments', 'matrix', 'scorecards'].flatMap((name) => [
        { path: `/api/v1/export/${name}.csv`, query: ['asOf', 'excel'] },
        { path: `/api/v1/export/${name}.json`, query: ['asOf'] },
      ]),
      { path: '/api/v1/export/dictionary.json', query: [] },
      { path: '/feeds/{iso3}.atom', query: [] },
      { path: '/feeds/all.atom', query: ['x'] },
      { path: '/api/evidence/{id}/attachments/{sha}', query: [] },
      { path: '/api/health', query: ['x'] },
      { path: '/api/v1/openapi.json', query: [] },
      { path: '/{page}', query: ['asOf', 'since'] },
      { path: '/states/{iso3}', query: ['asOf'] },
      { path: '/assets/{file}', query: [] },
    ];
  }

  it('answers with a client error at worst, and every REST answer as its OpenAPI document says', async () => {
    const contract = openApiContract(openApiDocument(base), '/api/v1');
    const breaches: string[] = [];
    const failures: string[] = [];
    let requests = 0;
    for (const route of routes()) {
      const segments = (route.path.match(/\{[^}]+\}/g) ?? []).length;
      await fc.assert(
        fc.asyncProperty(fc.array(hostile, { minLength: segments, maxLength: segments }), fc.array(hostile, { minLength: route.query.length, maxLength: route.query.length }), async (parts, values) => {
          let i = 0;
          const path = route.path.replace(/\{[^}]+\}/g, () => parts[i++] ?? '');
          const qs = route.query.map((name, j) => `${name}=${values[j] ?? ''}`).join('&');
          const url = `${base}${path}${qs ? `?${qs}` : ''}`;
          requests++;
          const res = await fetch(url).catch((error: unknown) => ({ status: 0, text: () => Promise.resolve(String(error)) }));
          if (res.status >= 500 || res.status === 0) failures.push(`${res.status} ${url.slice(0, 200)}: ${(await res.text()).slice(0, 200)}`);
          // tRPC answers in its own wire format; everything else speaks the document's language.
          else if (res instanceof Response && !path.startsWith('/trpc/') && res.headers.get('content-type')?.startsWith('application/json')) {
            await contract.check(url, res).catch((error: unknown) => breaches.push(`${url.slice(0, 200)}: ${String(error).slice(0, 300)}`));
          }
        }),
        { numRuns: 12, seed: 20261201 },
      );
    }
    expect(failures).toEqual([]);
    expect(breaches).toEqual([]);
    expect(requests).toBeGreaterThan(500);
    expect(contract.checked).toBeGreaterThan(200);
  });
});
