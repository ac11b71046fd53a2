import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';
import { createDb, migrate, scorecardMatrix, stateScorecard } from '@tracker/db';
import { Keyring, useKeyring } from '@tracker/db/keyring';
import { createTestDatabase } from '@tracker/db/testing';
import { databaseUrl, randomName, withAdmin } from '@tracker/db/testing/postgres-server';
import { readEnv } from '../apps/server/src/env';
import { closeServer, listen } from '../apps/server/src/server';
import { fillSynthetic } from './synthetic';

/**
 * `npm run bench:http [-- ROWS] [SECONDS]`: the public scorecard and matrix over HTTP, against the
 * physical limit (a bare `node:http` server replaying the tracker's own answer bytes) and a raw
 * `node:http` handler that runs the same data-access functions (so the same SQL, over the same
 * postgres.js pool) and writes the same JSON with nothing else: no routing, session lookup, input
 * or output validation, security headers or ETag. autocannon runs in its own process on loopback,
 * 32 connections, no pipelining; the two servers take turns so they never compete for the 2 cores.
 */
const rows = Number(process.argv[2] ?? 10_000);
const seconds = Number(process.argv[3] ?? 10);
const AS_OF = '2025-06-30';
const run = promisify(execFile);

interface Load {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function autocannon(url: string): Promise<Load> {
  const bin = new URL('../node_modules/.bin/autocannon', import.meta.url).pathname;
  const { stdout } = await run(bin, ['-c', '32', '-p', '1', '-d', String(seconds), '-j', url], { maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(stdout) as { requests: { average: number; total: number }; latency: { p50: number; p99: number }; errors: number; non2xx: number };
  return { requests: r.requests.total, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

function listenOn(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '');
    }),
  );
}

/** Samples this process's resident memory while `work` runs; returns the peak in MiB. */
async function peakMemory<T>(work: () => Promise<T>): Promise<[T, number]> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    return [await work(), peak / 2 ** 20];
  } finally {
    clearInterval(timer);
  }
}

useKeyring(Keyring.random('the HTTP benchmark key'));
const template = randomName('tracker_bench_http');
await withAdmin((sql) => sql.unsafe(`create database ${template}`));
try {
  const migrating = await createDb({ kind: 'postgres', url: databaseUrl(template), maxConnections: 1 });
  await migrate(migrating);
  await migrating.close();
  const database = await createTestDatabase('postgres', template, { maxConnections: 10 });
  try {
    process.stderr.write(`Filling PostgreSQL with ${rows.toLocaleString('en')} evidence rows…\n`);
    await fillSynthetic(database.db, rows, Math.round(rows / 10));

    const baseline = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const work = url.pathname === '/matrix' ? scorecardMatrix(database.db, AS_OF) : stateScorecard(database.db, 'KHM', AS_OF);
      work.then(
        (data) => {
          const body = JSON.stringify(data);
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
          res.end(body);
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
    const baseUrl = await listenOn(baseline);
    const ours = await listen(database, { ...readEnv({}), PORT: 0, HOST: '127.0.0.1' });

    const cases: [string, string, string][] = [
      ['matrix (REST)', `${ours.url}/api/v1/scorecards/matrix?asOf=${AS_OF}`, `${baseUrl}/matrix`],
      ['matrix (tRPC)', `${ours.url}/trpc/scorecards.matrix?input=${encodeURIComponent(JSON.stringify({ asOf: AS_OF }))}`, `${baseUrl}/matrix`],
      ['state scorecard (REST)', `${ours.url}/api/v1/scorecards/states/KHM?asOf=${AS_OF}`, `${baseUrl}/state`],
      ['state scorecard (tRPC)', `${ours.url}/trpc/scorecards.state?input=${encodeURIComponent(JSON.stringify({ iso3: 'KHM', asOf: AS_OF }))}`, `${baseUrl}/state`],
    ];
    // The physical limit: the same bytes the tracker answers, replayed by a server that does nothing else.
    const answers = new Map<string, Buffer>();
    for (const [i, [, oursUrl]] of cases.entries()) answers.set(`/${i}`, Buffer.from(await (await fetch(oursUrl)).arrayBuffer()));
    const replay = createServer((req, res) => {
      const body = answers.get(req.url ?? '') ?? Buffer.alloc(0);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
    });
    const replayUrl = await listenOn(replay);
    const results: { name: string; ours: Load; baseline: Load; replay: Load; peakMiB: number }[] = [];
    for (const [i, [name, oursUrl, baseUrlFor]] of cases.entries()) {
      process.stderr.write(`[${i + 1}/${cases.length}] ${name}: replay, baseline, then the tracker, ${seconds} s each…\n`);
      const replayed = await autocannon(`${replayUrl}/${i}`);
      const base = await autocannon(baseUrlFor);
      const [mine, peakMiB] = await peakMemory(() => autocannon(oursUrl));
      results.push({ name, ours: mine, baseline: base, replay: replayed, peakMiB });
    }
    // autocannon stops mid-flight; let the requests it abandoned finish before closing the pool.
    await new Promise((r) => setTimeout(r, 3000));
    await closeServer(ours.server);
    await closeServer(baseline);
    await closeServer(replay);

    console.log(`\nHTTP on loopback, PostgreSQL, ${rows.toLocaleString('en')} evidence rows, 32 connections, ${seconds} s each. ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.\n`);
    console.log('endpoint | tracker req/s | replay req/s | ÷ replay | baseline req/s | ÷ baseline | tracker p99 ms | replay p99 ms | baseline p99 ms | errors | peak RSS MiB');
    for (const r of results) {
      const cells = [
        r.name,
        r.ours.rps.toFixed(0),
        r.replay.rps.toFixed(0),
        `${(r.ours.rps / r.replay.rps).toFixed(3)}×`,
        r.baseline.rps.toFixed(0),
        `${(r.ours.rps / r.baseline.rps).toFixed(2)}×`,
        String(r.ours.p99),
        String(r.replay.p99),
        String(r.baseline.p99),
        String(r.ours.errors + r.ours.non2xx),
        r.peakMiB.toFixed(0),
      ];
      console.log(cells.join(' | '));
    }
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    const file = new URL(`./results/http-${rows}-${new Date().toISOString().slice(0, 10)}.json`, import.meta.url);
    writeFileSync(file, `${JSON.stringify({ node: process.version, cores: cpus().length, rows, seconds, results }, null, 2)}\n`);
    console.log(`\nSaved ${file.pathname}`);
  } finally {
    await database.drop();
  }
} finally {
  await withAdmin((sql) => sql.unsafe(`drop database if exists ${template} with (force)`));
}
