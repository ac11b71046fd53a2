import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm run bench:uploads [-- CONCURRENT]`: the server's peak resident memory while CONCURRENT (default
 * 4, then one more) 20 MB attachments arrive at once, on the embedded database, against its memory
 * at rest. Memory is read from /proc of the server process, so the client's own buffers are not
 * counted.
 */
const concurrent = Number(process.argv[2] ?? 4);
const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tracker-bench-uploads-'));
const env = { ...process.env, TRACKER_DATA_DIR: join(dir, 'data'), TRACKER_KEY_FILE: join(dir, 'key'), PORT: '0', HOST: '127.0.0.1' };
const PASSWORD = 'bench uploads password';

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function main() {
  for (const email of ['bench.a@example.org', 'bench.b@example.org', 'bench.c@example.org']) {
    execFileSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'users:create', '--email', email, '--role', 'monitor', '--password-stdin'], { cwd: root, env, input: PASSWORD });
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const url = await new Promise<string>((resolve) => {
    const poll = setInterval(() => {
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearInterval(poll);
        resolve(m[1]);
      }
    }, 50);
  });
  try {
    const call = async (path: string, body: unknown, cookie = '') => {
      const res = await fetch(`${url}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
      return { status: res.status, cookie: /tracker_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '', body: (await res.json()) as { result?: { data: { id: string } } } };
    };
    const cookies: string[] = [];
    for (const email of ['bench.a@example.org', 'bench.b@example.org', 'bench.c@example.org']) cookies.push((await call('auth.login', { email, password: PASSWORD })).cookie);
    const draftFor = async (cookie: string) =>
      (
        await call(
          'evidence.create',
          { iso3: 'KHM', recommendationKeys: ['A.1'], title: 'Upload benchmark', summary: 'Upload benchmark', kind: 'other', direction: 'context', language: 'en', reliability: 'C', credibility: 3, visibility: 'confidential' },
          cookie,
        )
      ).body.result?.data.id ?? '';
    const pdf = (i: number) => Buffer.concat([Buffer.from(`%PDF-1.4\n%${i}\n`), randomBytes(20 * 1024 * 1024 - 32)]).toString('base64');
    const bodies = Array.from({ length: concurrent + 1 }, (_, i) => pdf(i));
    const pid = child.pid ?? 0;
    const atRest = rssOf(pid);
    const round = async (n: number) => {
      let peak = rssOf(pid);
      const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
      const started = Date.now();
      const statuses = await Promise.all(
        bodies.slice(0, n).map(async (content, i) => {
          const cookie = cookies[i % cookies.length] ?? '';
          const id = await draftFor(cookie);
          return (await call('evidence.attach', { id, filename: `f${i}.pdf`, contentBase64: content }, cookie)).status;
        }),
      );
      clearInterval(timer);
      return { uploads: n, statuses, peakMiB: Math.round(peak), seconds: (Date.now() - started) / 1000 };
    };
    const results = [await round(concurrent), await round(concurrent + 1)];
    console.log(JSON.stringify({ atRestMiB: Math.round(atRest), results }, null, 2));
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
