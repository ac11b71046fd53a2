import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { createDb, migrate } from '@tracker/db';
import { Keyring, useKeyring } from '@tracker/db/keyring';
import { databaseUrl, randomName, withAdmin } from '@tracker/db/testing/postgres-server';
import type { Measurement } from './measure';
import { benchConfidential } from './confidential';
import { benchScorecards } from './scorecards';

/**
 * `npm run bench`: the scorecard reads at 10k and 100k evidence rows, on PGlite and PostgreSQL, with
 * ratios against baselines run side by side (each size against the smallest; PostgreSQL against
 * PGlite). Sizes can be chosen: `npm run bench -- 10000 100000 1000000` (PGlite up to 100k).
 */
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const rows = sizes.length > 0 ? sizes : [10_000, 100_000];

async function postgresTemplate(): Promise<string | null> {
  try {
    const name = randomName('tracker_bench');
    await withAdmin((sql) => sql.unsafe(`create database ${name}`));
    const handle = await createDb({ kind: 'postgres', url: databaseUrl(name), maxConnections: 1 });
    await migrate(handle);
    await handle.close();
    return name;
  } catch (error) {
    console.warn(`PostgreSQL unavailable, benchmarking PGlite only: ${(error as Error).message}`);
    return null;
  }
}

useKeyring(Keyring.random('the benchmark key'));
const template = await postgresTemplate();
const results: Measurement[] = [];
const kinds = template ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
/** The embedded database is meant for small deployments; above this it is left out (fills take many minutes). */
const PGLITE_MAX_ROWS = 100_000;
const kindsAt = (n: number) => kinds.filter((k) => k !== 'pglite' || n <= PGLITE_MAX_ROWS);
const total = rows.reduce((sum, n) => sum + kindsAt(n).length, 0);
let done = 0;
for (const n of rows) {
  for (const kind of kindsAt(n)) {
    process.stderr.write(`[${++done}/${total}] ${kind} at ${n.toLocaleString('en')} evidence rows…\n`);
    results.push(...(await benchScorecards(kind, template, n)));
  }
}
const confidential: Measurement[] = [];
for (const kind of kinds) {
  process.stderr.write(`${kind}: a reviewer's list of 1,000 confidential items, sealed and in the clear…\n`);
  confidential.push(...(await benchConfidential(kind, template)));
}
if (template) await withAdmin((sql) => sql.unsafe(`drop database if exists ${template} with (force)`));

const find = (name: string, kind: string, n: number) => results.find((r) => r.name === name && r.kind === kind && r.rows === n)?.ms;
const fmt = (ms: number | undefined) => (ms === undefined ? '–' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}×` : '–');
const smallest = rows[0] as number;

console.log(`\nScorecard reads, median of 7 runs (ms). ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.\n`);
const header = ['query', ...rows.flatMap((n) => kinds.map((k) => `${k} ${n / 1000}k`)), ...rows.slice(1).flatMap((n) => kinds.map((k) => `${k} ${n / 1000}k÷${smallest / 1000}k`)), ...(template ? rows.map((n) => `pg÷pglite ${n / 1000}k`) : [])];
console.log(header.join(' | '));
for (const name of ['fill', 'matrix', 'state scorecard', 'changes']) {
  const cells = [
    name,
    ...rows.flatMap((n) => kinds.map((k) => fmt(find(name, k, n)))),
    ...rows.slice(1).flatMap((n) => kinds.map((k) => ratio(find(name, k, n), find(name, k, smallest)))),
    ...(template ? rows.map((n) => ratio(find(name, 'postgres', n), find(name, 'pglite', n))) : []),
  ];
  console.log(cells.join(' | '));
}
console.log(`\nConfidential evidence at rest: a reviewer's reads, sealed against the same items in the clear, median of 7 runs (ms).\n`);
console.log(['read', ...kinds.flatMap((k) => [`${k} clear`, `${k} sealed`, `${k} sealed÷clear`])].join(' | '));
for (const name of ['list 1,000 confidential', 'search 1,000 confidential']) {
  const ms = (k: string, v: string) => confidential.find((r) => r.name === `${name} (${v})` && r.kind === k)?.ms;
  console.log([name, ...kinds.flatMap((k) => [fmt(ms(k, 'clear')), fmt(ms(k, 'sealed')), ratio(ms(k, 'sealed'), ms(k, 'clear'))])].join(' | '));
}
results.push(...confidential);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const file = new URL(`./results/scorecards-${new Date().toISOString().slice(0, 10)}.json`, import.meta.url);
writeFileSync(file, `${JSON.stringify({ node: process.version, cores: cpus().length, results }, null, 2)}\n`);
console.log(`\nSaved ${file.pathname}`);
