import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readKeyFile, type Keyring } from '@tracker/db/keyring';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The compiled server and command line, as `npm start` and `npm run tracker` run them (no compiler
 * at run time). Compiled once per test file from the current sources (a quarter of a second).
 */
export const serverMain = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
export const cliMain = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
execFileSync(process.execPath, [fileURLToPath(new URL('../../build.mjs', import.meta.url))], { stdio: 'inherit' });

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** A fresh data folder and, beside it (never inside), the path its key file gets. */
export function tempDataDir(): { dir: string; keyFile: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'tracker-data-'));
  const dir = join(root, 'data');
  mkdirSync(dir);
  return { dir, keyFile: join(root, 'tracker-key'), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A copy of a stopped server's data folder and its key file, for a test that must not share state. */
export function copyDataDir(from: { dir: string; keyFile: string }): ReturnType<typeof tempDataDir> {
  const copy = tempDataDir();
  cpSync(from.dir, copy.dir, { recursive: true });
  cpSync(from.keyFile, copy.keyFile);
  return copy;
}

/**
 * The key file a test process uses when the test names none: beside the data folder, or for a
 * PostgreSQL database one per database, in the temporary folder. Never the working directory.
 */
export function withKeyFile(env: Record<string, string>): Record<string, string> {
  if (env['TRACKER_KEY_FILE']) return env;
  const dataDir = env['TRACKER_DATA_DIR'];
  if (dataDir) return { ...env, TRACKER_KEY_FILE: join(dirname(dataDir), 'tracker-key') };
  const keys = join(tmpdir(), 'tracker-test-keys');
  mkdirSync(keys, { recursive: true });
  return { ...env, TRACKER_KEY_FILE: join(keys, `${createHash('sha256').update(env['DATABASE_URL'] ?? 'none').digest('hex').slice(0, 16)}.key`) };
}

export function runServer(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [serverMain], {
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', ...withKeyFile(env) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Starts the real server process (as `npm start` does) on a free port and waits until it listens. */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const { child, output, exited } = runServer(env);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output()}`)), timeoutMs);
    const poll = setInterval(() => {
      const match = /listening on (http:\/\/\S+)/.exec(output());
      if (match?.[1]) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(match[1]);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output()}`));
    });
  });
  return {
    url,
    child,
    output,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** The key a server started with `env` uses, for a test that writes to its database directly. */
export function keyringOf(env: Record<string, string>): Keyring {
  const path = withKeyFile(env)['TRACKER_KEY_FILE'] ?? '';
  const ring = readKeyFile(path);
  if (!ring) throw new Error(`no key file at ${path}: start the server first`);
  return ring;
}
