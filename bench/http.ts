import { execFile, spawn } from 'node:child_process';
import { createServer, get, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { hashPassword } from '@tracker/api';
import { createDb, createUserAccount, migrate, scorecardMatrix, seedCatalogue, seedDemo, stateScorecard, type DbKind } from '@tracker/db';
import { Keyring, useKeyring } from '@tracker/db/keyring';
import { createTestDatabase, evidenceFields, type TestDatabase } from '@tracker/db/testing';
import { databaseUrl, randomName, withAdmin } from '@tracker/db/testing/postgres-server';
import { readEnv } from '../apps/server/src/env';
import { closeServer, listen } from '../apps/server/src/server';
import { mutate, sessionCookieOf } from '../apps/server/test/support/trpc-http';
import { median } from './measure';
import { fillSynthetic } from './synthetic';

/**
 * `npm run bench:http [-- --db postgres,pglite] [--data demo,synthetic] [--rows 100000] [--seconds 5]`
 * (or the older `-- ROWS SECONDS`): the public matrix and State scorecard over HTTP against the
 * physical limit (a bare `node:http` server replaying the tracker's own answer bytes) and a raw
 * `node:http` handler running the same data-access functions with nothing else (no routing,
 * session, validation, headers or cache). Then a signed-in monitor's `evidence.create`, idle and
 * while the public matrix is under load. autocannon runs in its own process on loopback, 32
 * connections, no pipelining; the servers take turns so they never compete for the 2 cores, and the
 * replay runs in a process of its own.
 *
 * "demo" is a freshly seeded database as `tracker seed --demo` leaves it before anything else ran
 * (unanalysed tables, nothing cached); "synthetic" is ROWS verified evidence items.
 */
const { values, positionals } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres,pglite' },
    data: { type: 'string', default: 'demo,synthetic' },
    rows: { type: 'string' },
    seconds: { type: 'string' },
  },
  allowPositionals: true,
});
const rows = Number(values.rows ?? positionals[0] ?? 100_000);
const seconds = Number(values.seconds ?? positionals[1] ?? 5);
const kinds = values.db.split(',') as DbKind[];
const datasets = values.data.split(',') as ('demo' | 'synthetic')[];
const AS_OF = '2025-06-30';
const PASSWORD = 'the benchmark monitor password';
const WRITES = 60;
const run = promisify(execFile);

interface Load {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

function autocannon(url: string, duration = seconds, headers: Record<string, string> = {}): Promise<Load> {
  const bin = new URL('../node_modules/.bin/autocannon', import.meta.url).pathname;
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
  return run(bin, ['-c', '32', '-p', '1', '-d', String(duration), ...headerArgs, '-j', url], { maxBuffer: 64 * 1024 * 1024 }).then(({ stdout }) => {
    const r = JSON.parse(stdout) as { requests: { average: number; total: number }; latency: { p50: number; p99: number }; errors: number; non2xx: number };
    return { requests: r.requests.total, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
  });
}

function listenOn(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '');
    }),
  );
}

const p99 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))] ?? NaN;

/** `evidence.create` by a signed-in monitor, one after another, until `count` are made or `until` says stop. */
async function createLatencies(base: string, cookie: string, count: number, until: () => boolean = () => false): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count && !until(); i++) {
    const t0 = performance.now();
    const reply = await mutate(base, 'evidence.create', evidenceFields({ title: `Benchmark write ${i} ${Date.now()}` }), cookie);
    if (reply.status !== 200) throw new Error(`evidence.create answered ${reply.status}: ${reply.error?.message ?? ''}`);
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** The bytes the tracker sent for `url`, as they went over the wire (compressed if `headers` asked). */
function bytesOf(url: string, headers: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    }).on('error', reject);
  });
}

/** The replay server (bench/replay-server.ts) in a child process, answering `/<i>` with `bodies[i]`. */
async function replayServer(bodies: Buffer[]): Promise<{ url: string; stop: () => void }> {
  const file = join(mkdtempSync(join(tmpdir(), 'tracker-replay-')), 'bodies.json');
  writeFileSync(file, JSON.stringify(bodies.map((b) => b.toString('base64'))));
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./replay-server.ts', import.meta.url).pathname, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the replay server exited (${code})`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function openDatabase(kind: DbKind, template: string | null): Promise<TestDatabase> {
  return createTestDatabase(kind, template, { maxConnections: 10 });
}

interface Row {
  db: DbKind;
  data: string;
  name: string;
  ours: Load;
  baseline: Load;
  replay: Load;
}

interface Writes {
  db: DbKind;
  data: string;
  idleP50: number;
  idleP99: number;
  loadedP50: number;
  loadedP99: number;
  samples: number;
  readRps: number;
}

async function benchOne(kind: DbKind, data: 'demo' | 'synthetic', template: string | null): Promise<{ rows: Row[]; writes: Writes }> {
  const database = await openDatabase(kind, template);
  try {
    if (data === 'demo') {
      await seedCatalogue(database.db);
      await seedDemo(database.db);
    } else {
      process.stderr.write(`Filling ${kind} with ${rows.toLocaleString('en')} evidence rows…\n`);
      await fillSynthetic(database.db, rows, Math.round(rows / 10));
    }
    await createUserAccount(database.db, null, { email: 'bench.writer@example.org', displayName: 'Bench writer', role: 'monitor', passwordHash: await hashPassword(PASSWORD) });

    const baseline = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const work = url.pathname === '/matrix' ? scorecardMatrix(database.db, AS_OF) : stateScorecard(database.db, 'KHM', AS_OF);
      work.then(
        (answer) => {
          const body = JSON.stringify(answer);
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
    // As a browser asks: the answer compressed (the baseline sends it as it is).
    const browser = { 'accept-encoding': 'gzip, deflate, br' };
    const cases: [string, string, string, Record<string, string>?][] = [
      ['matrix (REST)', `${ours.url}/api/v1/scorecards/matrix?asOf=${AS_OF}`, `${baseUrl}/matrix`],
      ['matrix (REST, Brotli)', `${ours.url}/api/v1/scorecards/matrix?asOf=${AS_OF}`, `${baseUrl}/matrix`, browser],
      ['matrix (tRPC)', `${ours.url}/trpc/scorecards.matrix?input=${encodeURIComponent(JSON.stringify({ asOf: AS_OF }))}`, `${baseUrl}/matrix`],
      ['state scorecard (REST)', `${ours.url}/api/v1/scorecards/states/KHM?asOf=${AS_OF}`, `${baseUrl}/state`],
      ['state scorecard (tRPC)', `${ours.url}/trpc/scorecards.state?input=${encodeURIComponent(JSON.stringify({ iso3: 'KHM', asOf: AS_OF }))}`, `${baseUrl}/state`],
    ];
    const measured: { name: string; mine: Load; base: Load; body: Buffer }[] = [];
    for (const [name, oursUrl, baseUrlFor, headers = {}] of cases) {
      process.stderr.write(`${kind}, ${data}: ${name}: the tracker (first, on a cold cache), then the baseline, ${seconds} s each…\n`);
      const mine = await autocannon(oursUrl, seconds, headers);
      const base = await autocannon(baseUrlFor);
      measured.push({ name, mine, base, body: await bytesOf(oursUrl, headers) });
    }
    // The physical limit: the bytes the tracker answered, replayed by a bare server in a process of
    // its own (sharing this process, with its heap and database, made the replay up to 3× slower).
    const replay = await replayServer(measured.map((m) => m.body));
    const results: Row[] = [];
    try {
      for (const [i, m] of measured.entries()) {
        process.stderr.write(`${kind}, ${data}: ${m.name}: replay of the same bytes, ${seconds} s…\n`);
        results.push({ db: kind, data, name: m.name, ours: m.mine, baseline: m.base, replay: await autocannon(`${replay.url}/${i}`) });
      }
    } finally {
      replay.stop();
    }

    process.stderr.write(`${kind}, ${data}: evidence.create idle, then under the public matrix load…\n`);
    const cookie = sessionCookieOf(await mutate(ours.url, 'auth.login', { email: 'bench.writer@example.org', password: PASSWORD })) ?? '';
    await createLatencies(ours.url, cookie, 10);
    const idle = await createLatencies(ours.url, cookie, WRITES);
    let loadEnded = false;
    const load = autocannon(cases[0]?.[1] ?? '', seconds + 2).finally(() => (loadEnded = true));
    await new Promise((r) => setTimeout(r, 1000));
    const loaded = await createLatencies(ours.url, cookie, WRITES, () => loadEnded);
    const read = await load;

    await new Promise((r) => setTimeout(r, 2000));
    await closeServer(ours.server);
    await closeServer(baseline);
    return {
      rows: results,
      writes: { db: kind, data, idleP50: median(idle), idleP99: p99(idle), loadedP50: median(loaded), loadedP99: p99(loaded), samples: loaded.length, readRps: read.rps },
    };
  } finally {
    await database.drop();
  }
}

useKeyring(Keyring.random('the HTTP benchmark key'));
let template: string | null = null;
if (kinds.includes('postgres')) {
  template = randomName('tracker_bench_http');
  await withAdmin((sql) => sql.unsafe(`create database ${template}`));
  const migrating = await createDb({ kind: 'postgres', url: databaseUrl(template), maxConnections: 1 });
  await migrate(migrating);
  await migrating.close();
}
const all: Row[] = [];
const writes: Writes[] = [];
try {
  for (const kind of kinds) {
    for (const data of datasets) {
      const result = await benchOne(kind, data, template);
      all.push(...result.rows);
      writes.push(result.writes);
    }
  }
} finally {
  if (template) await withAdmin((sql) => sql.unsafe(`drop database if exists ${template} with (force)`));
}

const dataName = (data: string) => (data === 'demo' ? 'demo' : `${(rows / 1000).toLocaleString('en')}k`);
console.log(`\nHTTP on loopback, 32 connections, ${seconds} s per run. ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.\n`);
console.log('database | data | endpoint | tracker req/s | replay req/s | ÷ replay | baseline req/s | ÷ baseline | tracker p99 ms | replay p99 ms | baseline p99 ms | errors');
for (const r of all) {
  console.log(
    [
      r.db,
      dataName(r.data),
      r.name,
      r.ours.rps.toFixed(0),
      r.replay.rps.toFixed(0),
      `${(r.ours.rps / r.replay.rps).toFixed(3)}×`,
      r.baseline.rps.toFixed(0),
      `${(r.ours.rps / r.baseline.rps).toFixed(1)}×`,
      String(r.ours.p99),
      String(r.replay.p99),
      String(r.baseline.p99),
      String(r.ours.errors + r.ours.non2xx),
    ].join(' | '),
  );
}
console.log(`\nevidence.create by a signed-in monitor, ${WRITES} one after another, idle and under the public matrix load (REST, 32 connections)\n`);
console.log('database | data | idle p50 ms | idle p99 ms | loaded p50 ms | loaded p99 ms | loaded ÷ idle p99 | writes under load | matrix req/s meanwhile');
for (const w of writes) {
  console.log(
    [w.db, dataName(w.data), w.idleP50.toFixed(1), w.idleP99.toFixed(1), w.loadedP50.toFixed(1), w.loadedP99.toFixed(1), `${(w.loadedP99 / w.idleP99).toFixed(2)}×`, String(w.samples), w.readRps.toFixed(0)].join(' | '),
  );
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const file = new URL(`./results/http-${rows}-${new Date().toISOString().slice(0, 10)}.json`, import.meta.url);
writeFileSync(file, `${JSON.stringify({ node: process.version, cores: cpus().length, rows, seconds, results: all, writes }, null, 2)}\n`);
console.log(`\nSaved ${file.pathname}`);
