import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseUrl, randomName, withAdmin } from '@tracker/db/testing/postgres-server';
import { cliMain, copyDataDir, runServer, startServerProcess, tempDataDir, withKeyFile } from './support/server-process';

const run = promisify(execFile);
const tracker = (args: string[], env: Record<string, string>) =>
  run(process.execPath, [cliMain, ...args], { env: { PATH: process.env['PATH'] ?? '', ...withKeyFile(env) } });

const ADMIN = 'template.admin@example.org';

describe('the server process on the embedded database', () => {
  /** Started once and stopped: migrated, seeded, with an administrator. Each test works on its own copy. */
  const template = tempDataDir();
  const copies: { remove: () => void }[] = [];
  const copy = async (options: { demo?: boolean } = {}) => {
    const data = copyDataDir(template);
    copies.push(data);
    if (options.demo) expect((await tracker(['seed', '--demo'], { TRACKER_DATA_DIR: data.dir })).stdout).toMatch(/Demo data: added/);
    return data;
  };
  beforeAll(async () => {
    const server = await startServerProcess({ TRACKER_DATA_DIR: template.dir });
    expect(await server.stop()).toBe(0);
    const child = execFile(process.execPath, [cliMain, 'users:create', '--email', ADMIN, '--role', 'admin', '--password-stdin'], {
      env: { PATH: process.env['PATH'] ?? '', ...withKeyFile({ TRACKER_DATA_DIR: template.dir }) },
    });
    child.stdin?.end('a long enough password\n');
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0);
  }, 120_000);
  afterAll(() => {
    template.remove();
    for (const data of copies) data.remove();
  });

  it('migrates and seeds on first start, makes a key file and says so, answers health, and exits cleanly on SIGTERM', async () => {
    const data = tempDataDir();
    copies.push(data);
    const server = await startServerProcess({ TRACKER_DATA_DIR: data.dir });
    expect(server.output()).toMatch(/first start: catalogue seeded/);
    expect(server.output()).toMatch(/A new encryption key was created at .*tracker-key\. .*back it up now/);
    expect(existsSync(data.keyFile)).toBe(true);
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { database: { kind: string } };
    expect(health.database.kind).toBe('pglite');
    expect(((await (await fetch(`${server.url}/api/v1/recommendations`)).json()) as unknown[]).length).toBe(7);
    expect(existsSync(join(data.dir, 'tracker.lock'))).toBe(true);
    expect(await server.stop()).toBe(0);
    expect(existsSync(join(data.dir, 'tracker.lock'))).toBe(false);
  });

  it('reuses the data on the next start without seeding again', async () => {
    const data = await copy();
    const server = await startServerProcess({ TRACKER_DATA_DIR: data.dir });
    try {
      expect(server.output()).not.toMatch(/seeded/);
      const res = await fetch(`${server.url}/trpc/catalogue.recommendations`);
      const body = (await res.json()) as { result: { data: unknown[] } };
      expect(body.result.data).toHaveLength(7);
    } finally {
      await server.stop();
    }
  });

  it('refuses a second process on the same data directory with a clear message', async () => {
    const data = await copy();
    const first = await startServerProcess({ TRACKER_DATA_DIR: data.dir });
    try {
      const second = runServer({ TRACKER_DATA_DIR: data.dir });
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(new RegExp(`in use by another tracker process \\(pid ${first.child.pid}\\)`));
      const cliAttempt = await tracker(['seed'], { TRACKER_DATA_DIR: data.dir }).catch((e: { code: number; stderr: string }) => e);
      expect(cliAttempt).toMatchObject({ code: 1 });
      expect((cliAttempt as { stderr: string }).stderr).toMatch(/in use by another tracker process/);
      expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    } finally {
      await first.stop();
    }
  });

  it('recovers from a stale lock left by a killed process', async () => {
    const data = await copy();
    const server = await startServerProcess({ TRACKER_DATA_DIR: data.dir });
    server.child.kill('SIGKILL');
    await new Promise((resolve) => server.child.on('exit', resolve));
    expect(existsSync(join(data.dir, 'tracker.lock'))).toBe(true);
    const again = await startServerProcess({ TRACKER_DATA_DIR: data.dir });
    expect(await again.stop()).toBe(0);
  });

  it('runs the CLI: migrate reports the state, seed --demo adds labelled demo data once', async () => {
    const env = { TRACKER_DATA_DIR: (await copy()).dir };
    expect((await tracker(['migrate'], env)).stdout).toMatch(/at migration \d{4}_\w+ \(\d+ of \d+ applied\)/);
    expect((await tracker(['seed', '--demo'], env)).stdout).toMatch(/Demo data: added \d+ illustrative evidence items/);
    expect((await tracker(['seed', '--demo'], env)).stdout).toMatch(/Catalogue: already complete[\s\S]*Demo data: already present/);
    const unknown = await tracker(['frobnicate'], env).catch((e: { code: number; stderr: string }) => e);
    expect(unknown).toMatchObject({ code: 2 });
    expect((unknown as { stderr: string }).stderr).toMatch(/Unknown command "frobnicate"/);
  });

  it('verifies the ledger, exports it without content, and detects a forged export', async () => {
    const data = await copy({ demo: true });
    const env = { TRACKER_DATA_DIR: data.dir };
    expect((await tracker(['ledger', 'verify'], env)).stdout).toMatch(/Ledger intact: \d+ entries, head [0-9a-f]{64}/);
    const file = join(data.dir, 'ledger.jsonl');
    expect((await tracker(['ledger', 'export', file], env)).stdout).toMatch(/Wrote \d+ ledger entries/);
    const exported = readFileSync(file, 'utf8');
    expect(exported).not.toMatch(/Illustrative/);
    expect((await tracker(['ledger', 'verify', '--file', file], {})).stdout).toMatch(/Ledger intact/);
    writeFileSync(file, exported.replace(/"action":"[a-z.]+"/, '"action":"forged"'));
    const forged = await tracker(['ledger', 'verify', '--file', file], {}).catch((e: { code: number; stderr: string }) => e);
    expect(forged).toMatchObject({ code: 3 });
    expect((forged as { stderr: string }).stderr).toMatch(/BROKEN at entry 1/);
  });

  it('creates accounts from the CLI with the password on standard input only', async () => {
    const env = { TRACKER_DATA_DIR: (await copy()).dir };
    const child = execFile(process.execPath, [cliMain, 'users:create', '--email', 'cli.admin@example.org', '--role', 'admin', '--password-stdin'], {
      env: { PATH: process.env['PATH'] ?? '', ...withKeyFile(env) },
    });
    child.stdin?.end('a long enough password\n');
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0);
    expect(out).toMatch(/Created admin cli.admin@example.org/);
    const weak = await tracker(['users:create', '--email', 'x@example.org', '--role', 'wizard'], env).catch((e: { code: number; stderr: string }) => e);
    expect((weak as { stderr: string }).stderr).toMatch(/--role must be one of/);
  });

  it('exports the catalogue to JSON and imports it back as an administrator', async () => {
    const data = await copy();
    const env = { TRACKER_DATA_DIR: data.dir };
    const file = join(data.dir, 'catalogue.json');
    expect((await tracker(['catalogue', 'export', file], env)).stdout).toMatch(/Wrote 1 framework\(s\) and 7 recommendation\(s\)/);
    expect((await tracker(['catalogue', 'import', file, '--as', ADMIN], env)).stdout).toMatch(/0 created, 0 updated, 9 unchanged/);
    writeFileSync(file, '{"version": 2}');
    const refused = await tracker(['catalogue', 'import', file, '--as', ADMIN], env).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(/Nothing was imported/);
  });

  it('backs up everything with export --all and restores it into a new embedded database', async () => {
    const data = await copy({ demo: true });
    const backup = join(data.dir, 'backup');
    expect((await tracker(['export', '--all', backup], { TRACKER_DATA_DIR: data.dir })).stdout).toMatch(/Backed up \d+ rows from 35 tables/);
    const target = tempDataDir();
    try {
      // Another key cannot restore it; the key it was made with can.
      const wrongKey = await tracker(['restore', backup], { TRACKER_DATA_DIR: target.dir }).catch((e: { code: number; stderr: string }) => e);
      expect((wrongKey as { stderr: string }).stderr).toMatch(/encrypted with another key/);
      expect((await tracker(['restore', backup], { TRACKER_DATA_DIR: target.dir, TRACKER_KEY_FILE: data.keyFile })).stdout).toMatch(/Restored \d+ rows; the ledger verifies/);
      const again = await tracker(['restore', backup], { TRACKER_DATA_DIR: target.dir, TRACKER_KEY_FILE: data.keyFile }).catch((e: { code: number; stderr: string }) => e);
      expect((again as { stderr: string }).stderr).toMatch(/not empty/);
    } finally {
      target.remove();
    }
  });

  it('refuses to start with another key or a missing key, naming the file', async () => {
    const data = await copy();
    const other = join(data.dir, '..', 'another-key');
    writeFileSync(other, `${Buffer.alloc(32, 7).toString('base64')}\n`, { mode: 0o600 });
    const refused = runServer({ TRACKER_DATA_DIR: data.dir, TRACKER_KEY_FILE: other });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain(`The key in ${other.replace('/data/..', '')} does not open this database`);
    const missing = runServer({ TRACKER_DATA_DIR: data.dir, TRACKER_KEY_FILE: join(data.dir, '..', 'no-such-key') });
    expect(await missing.exited).toBe(1);
    expect(missing.output()).toMatch(/holds encrypted data, but the key file .*no-such-key does not exist/);
  });

  it('erases an item on request and rotates the key from the CLI; the ledger verifies after both', async () => {
    const data = await copy({ demo: true });
    const server = await startServerProcess({ TRACKER_DATA_DIR: data.dir });
    const page = (await (await fetch(`${server.url}/api/v1/evidence?limit=1`)).json()) as { items: { id: string }[] };
    expect(await server.stop()).toBe(0);
    const id = page.items[0]?.id ?? '';
    expect(id).not.toBe('');
    const env = { TRACKER_DATA_DIR: data.dir };
    expect((await tracker(['erase', id, '--reason', 'The person concerned asked for removal.', '--as', ADMIN], env)).stdout).toMatch(/Erased evidence .* the ledger records the erasure/);
    const notAdmin = await tracker(['erase', id, '--reason', 'again please', '--as', 'nobody@example.org'], env).catch((e: { code: number; stderr: string }) => e);
    expect((notAdmin as { stderr: string }).stderr).toMatch(/not an active administrator/);
    const rotated = join(data.dir, '..', 'rotated-key');
    expect((await tracker(['key', 'rotate', '--new', rotated], env)).stdout).toMatch(/Re-wrapped \d+ data keys .* destroy the old key/);
    const oldKey = await tracker(['ledger', 'verify'], env).catch((e: { code: number; stderr: string }) => e);
    expect((oldKey as { stderr: string }).stderr).toMatch(/does not open this database/);
    expect((await tracker(['ledger', 'verify'], { ...env, TRACKER_KEY_FILE: rotated })).stdout).toMatch(/Ledger intact/);
  });

  it('refuses invalid configuration with a message naming the variable', async () => {
    const bad = runServer({ TRACKER_DATA_DIR: (await copy()).dir, PORT: 'eighty' });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(/PORT/);
  });
});

const template = inject('postgresTemplate');

describe.skipIf(!template)(`the server process on PostgreSQL${template ? '' : ' [SKIPPED: PostgreSQL unavailable]'}`, () => {
  it('runs the same code when DATABASE_URL is set, migrating and seeding an empty database', async () => {
    const name = randomName('tracker_test');
    await withAdmin((sql) => sql.unsafe(`create database ${name}`));
    try {
      const server = await startServerProcess({ DATABASE_URL: databaseUrl(name) });
      try {
        const health = (await (await fetch(`${server.url}/api/health`)).json()) as { database: { kind: string } };
        expect(health.database.kind).toBe('postgres');
        expect(((await (await fetch(`${server.url}/api/v1/states`)).json()) as unknown[]).length).toBe(20);
      } finally {
        expect(await server.stop()).toBe(0);
      }
    } finally {
      await withAdmin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
    }
  });
});
