import { mkdirSync, writeFileSync } from 'node:fs';
import { seedCatalogue, importEvidence, importWrote, vacuumAnalyze, type DbKind } from '@tracker/db';
import { createTestDatabase, createUser, must } from '@tracker/db/testing';
import { databaseUrl, randomName, withAdmin } from '@tracker/db/testing/postgres-server';
import { createDb, migrate } from '@tracker/db';
import { Keyring, useKeyring } from '@tracker/db/keyring';
import { parseEvidenceCsv } from '../apps/server/src/commands/import';

/**
 * `npm run bench:import -- [rows]`: evidence CSV import throughput (rows/s) on PGlite and
 * PostgreSQL, first import and a re-import of the same file (all rows unchanged), side by side.
 * Each includes the `vacuum analyze` that `tracker import` runs after an import that wrote rows.
 */
const rows = Number(process.argv[2] ?? 100_000);
const states = ['KHM', 'MMR', 'LAO', 'PHL', 'THA'];
const header = 'externalId,iso3,recommendationKeys,title,summary,kind,direction,sourceUrl,publisher,publishedOn,language,reliability,credibility,visibility';
const lines = [header];
for (let i = 0; i < rows; i++) {
  lines.push(
    `bench-${i},${states[i % 5]},A.${1 + (i % 7)}|A.${1 + ((i + 3) % 7)},Synthetic import row ${i},Summary of synthetic row ${i} for the import benchmark,media_report,progress,https://example.org/${i},Bench,2025-01-${String(1 + (i % 28)).padStart(2, '0')},en,B,2,public`,
  );
}
const csv = Buffer.from(lines.join('\n'));

async function run(kind: DbKind, template: string | null) {
  const db = await createTestDatabase(kind, template);
  try {
    await seedCatalogue(db.db);
    const monitor = await createUser(db.db, 'monitor');
    const t0 = performance.now();
    const parsed = parseEvidenceCsv(csv);
    const t1 = performance.now();
    const first = await importEvidence(db.db, monitor, parsed.rows);
    // As `tracker import` does after an import that wrote rows (the admin page's import analyses): counted in.
    if (importWrote(first)) await vacuumAnalyze(db.db);
    const t2 = performance.now();
    const again = await importEvidence(db.db, monitor, parsed.rows);
    if (importWrote(again)) await vacuumAnalyze(db.db);
    const t3 = performance.now();
    return { kind, parseMs: t1 - t0, importMs: t2 - t1, reimportMs: t3 - t2, first, again };
  } finally {
    await db.drop();
  }
}

useKeyring(Keyring.random('the import benchmark key'));
let template: string | null = null;
try {
  template = randomName('tracker_bench');
  await withAdmin((sql) => sql.unsafe(`create database ${template}`));
  const h = await createDb({ kind: 'postgres', url: databaseUrl(template), maxConnections: 1 });
  await migrate(h);
  await h.close();
} catch {
  template = null;
}
const results = [await run('pglite', null), ...(template ? [await run('postgres', template)] : [])];
if (template) await withAdmin((sql) => sql.unsafe(`drop database if exists ${template} with (force)`));
const rate = (ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en');
console.log(`\nEvidence CSV import, ${rows.toLocaleString('en')} rows (${(csv.byteLength / 2 ** 20).toFixed(1)} MB)\n`);
console.log('database | parse+validate rows/s | first import rows/s | re-import (unchanged) rows/s');
for (const r of results) console.log(`${r.kind} | ${rate(r.parseMs)} | ${rate(r.importMs)} | ${rate(r.reimportMs)}`);
if (results.length === 2) console.log(`postgres÷pglite first import time: ${(must(results[1]).importMs / must(results[0]).importMs).toFixed(2)}×`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`./results/import-${new Date().toISOString().slice(0, 10)}.json`, import.meta.url), `${JSON.stringify({ rows, results }, null, 2)}\n`);
