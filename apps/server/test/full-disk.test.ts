import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evidenceFields } from '@tracker/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliMain, startServerProcess, type ServerProcess } from './support/server-process';
import { mutate, query, sessionCookieOf } from './support/trpc-http';

const PASSWORD = 'a long password for the full disk';

/** A small disk of its own: a tmpfs, which needs root (CI runs as root). */
function mountSmallDisk(): { dir: string; unmount: () => void } | string {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', dir], { stdio: 'pipe' });
    return {
      dir,
      unmount: () => {
        execFileSync('umount', [dir], { stdio: 'pipe' });
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})`;
  }
}

const disk = mountSmallDisk();
const skipped = typeof disk === 'string' ? disk : null;
if (skipped && process.env['CI'] === 'true') throw new Error(`The full-disk suite must run under CI=true, but ${skipped}.`);
if (skipped) console.warn(`\n!!! The full-disk suite is SKIPPED: ${skipped}.\n`);

const freeBytes = (dir: string) => {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
};

/** Leaves about `leave` bytes free on the disk by writing a file that takes the rest. */
function fill(dir: string, name: string, leave: number): void {
  const size = Math.max(0, freeBytes(dir) - leave);
  try {
    writeFileSync(join(dir, name), Buffer.alloc(size));
  } catch {
    // A full disk refuses the last bytes: it is as full as it gets.
  }
  if (leave === 0) {
    for (let i = 0; i < 64; i++) {
      try {
        writeFileSync(join(dir, `${name}-${i}`), Buffer.alloc(64 * 1024));
      } catch {
        break;
      }
    }
  }
}

/** Removes every filler file: the disk has its space back. */
function freeSpace(dir: string): void {
  for (const name of readdirSync(dir)) if (name.startsWith('filler-')) rmSync(join(dir, name), { force: true });
}

describe.skipIf(skipped !== null)(`a full disk under the embedded database${skipped ? ` [SKIPPED: ${skipped}]` : ''}`, () => {
  const root = typeof disk === 'string' ? '' : disk.dir;
  const env = { TRACKER_DATA_DIR: join(root, 'data'), TRACKER_KEY_FILE: join(root, 'tracker-key'), TRACKER_MIN_FREE_MB: '32' };
  let server: ServerProcess;
  let cookie = '';
  const acknowledged: string[] = [];

  beforeAll(async () => {
    mkdirSync(env.TRACKER_DATA_DIR);
    execFileSync(process.execPath, [cliMain, 'users:create', '--email', 'monitor@disk.example.org', '--role', 'monitor', '--password-stdin'], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      input: PASSWORD,
    });
    await start();
  }, 120_000);
  /** Every test leaves the disk as it found it: the filler files go. */
  afterEach(async () => {
    freeSpace(root);
    await new Promise((r) => setTimeout(r, 1100));
  });
  afterAll(async () => {
    await server?.stop();
    if (typeof disk !== 'string') disk.unmount();
  });

  /** (Re)starts the server with the suite's settings and any overrides, signed in as the monitor. */
  async function start(overrides: Record<string, string> = {}) {
    await server?.stop();
    server = await startServerProcess({ ...env, ...overrides });
    cookie = sessionCookieOf(await mutate(server.url, 'auth.login', { email: 'monitor@disk.example.org', password: PASSWORD })) ?? '';
  }

  const create = async (title: string, summary = 'Written while the disk was tested.') => {
    const reply = await mutate<{ id: string }>(server.url, 'evidence.create', evidenceFields({ title, summary }), cookie);
    if (reply.status === 200) acknowledged.push(reply.data.id);
    return reply;
  };
  const reads = async () => {
    const states = await fetch(`${server.url}/api/v1/states`);
    const mine = await query<{ items: unknown[] }>(server.url, 'evidence.list', { mine: true }, cookie);
    const health = await fetch(`${server.url}/api/health`);
    return { statuses: [states.status, mine.status, health.status] };
  };

  it('below the reserve, writes are refused saying the disk is full, while reads and health answer', async () => {
    for (let i = 0; i < 5; i++) expect((await create(`Written before the disk filled ${i}`)).status).toBe(200);
    fill(root, 'filler-reserve', 16 * 2 ** 20);
    await new Promise((r) => setTimeout(r, 1100));
    const refused = await create('Written on a nearly full disk');
    expect(refused.status).toBe(503);
    expect(refused.error?.message).toMatch(/disk .* is full/);
    expect((await reads()).statuses).toEqual([200, 200, 200]);
  });

  it('on a completely full disk it still answers, and recovers by itself once space is freed', async () => {
    fill(root, 'filler-all', 0);
    const refused = await create('Written on a full disk');
    expect(refused.status).toBe(503);
    const answered = await reads();
    expect(answered.statuses).toEqual([200, 200, 200]);
    freeSpace(root);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await create('Written after space was freed')).status).toBe(200);
  });

  it('with the reserve turned off, the database’s own disk-full error is a 503 saying so, never a 500', async () => {
    await start({ TRACKER_MIN_FREE_MB: '0' });
    try {
      fill(root, 'filler-none', 0);
      const statuses = new Set<number>();
      for (let i = 0; i < 20; i++) {
        const reply = await create(`Written with no reserve ${i}`, 'x'.repeat(4000));
        statuses.add(reply.status);
        if (reply.status !== 200) expect(reply.error?.message).toMatch(/disk .* is full/);
      }
      expect([...statuses].every((s) => s === 200 || s === 503)).toBe(true);
      expect(statuses.has(503)).toBe(true);
      expect((await reads()).statuses).toEqual([200, 200, 200]);
    } finally {
      freeSpace(root);
      await start();
    }
  });

  it('loses nothing it acknowledged, across a full disk and a restart', async () => {
    for (let i = 0; i < 3; i++) expect((await create(`Written before the disk filled up again ${i}`)).status).toBe(200);
    fill(root, 'filler-again', 0);
    for (let i = 0; i < 3; i++) await create(`Written while the disk was full ${i}`);
    freeSpace(root);
    await start();
    expect((await create('Written after the restart')).status).toBe(200);
    expect(acknowledged.length).toBeGreaterThanOrEqual(4);
    for (const id of acknowledged) expect((await query(server.url, 'evidence.get', { id }, cookie)).status, id).toBe(200);
  });
});
