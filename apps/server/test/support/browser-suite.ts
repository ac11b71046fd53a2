import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { cliMain, startServerProcess, tempDataDir, withKeyFile, type ServerProcess } from './server-process';
import { mutate, sessionCookieOf } from './trpc-http';

const builtDashboard = fileURLToPath(new URL('../../../web/dist/index.html', import.meta.url));

/**
 * What every browser suite needs: the built server as `npm start` runs it, on a fresh data folder,
 * and Debian's Chromium; both stopped and the folder removed afterwards. With `demo`, the folder is
 * first seeded as `tracker seed --demo` leaves it (two years of assessments and evidence).
 */
export function serverAndBrowser(options: { demo?: boolean } = {}) {
  const data = tempDataDir();
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(builtDashboard)) throw new Error('The dashboard is not built: run `npm run build` first.');
    if (options.demo) {
      execFileSync(process.execPath, [cliMain, 'seed', '--demo'], { env: { PATH: process.env['PATH'] ?? '', ...withKeyFile({ TRACKER_DATA_DIR: data.dir }) }, stdio: 'pipe' });
    }
    server = await startServerProcess({ TRACKER_DATA_DIR: data.dir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    data.remove();
  });
  const ready = <T>(value: T | undefined): T => {
    if (!value) throw new Error('the server and browser are not started yet');
    return value;
  };
  return {
    dataDir: data.dir,
    get server() {
      return ready(server);
    },
    get browser() {
      return ready(browser);
    },
  };
}

/**
 * Accounts through the public API, exactly as the first administrator would create them: the
 * administrator (admin@example.org) from the printed setup link, then each person with the password.
 */
export async function createAccounts(server: ServerProcess, password: string, people: readonly (readonly [email: string, role: string, displayName: string])[]): Promise<void> {
  const token = /setup#token=([A-Za-z0-9_-]{43})/.exec(server.output())?.[1];
  const admin = sessionCookieOf(await mutate(server.url, 'auth.setup', { token, email: 'admin@example.org', displayName: 'Admin', password }));
  for (const [email, role, displayName] of people) {
    const created = await mutate<{ passwordLink: { token: string } }>(server.url, 'users.create', { email, displayName, role }, admin);
    await mutate(server.url, 'auth.resetPassword', { token: created.data.passwordLink.token, password });
  }
}
