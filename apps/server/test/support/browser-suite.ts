import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { startServerProcess, tempDataDir, type ServerProcess } from './server-process';

const builtDashboard = fileURLToPath(new URL('../../../web/dist/index.html', import.meta.url));

/**
 * What every browser suite needs: the built server as `npm start` runs it, on a fresh data folder,
 * and Debian's Chromium; both stopped and the folder removed afterwards.
 */
export function serverAndBrowser() {
  const data = tempDataDir();
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(builtDashboard)) throw new Error('The dashboard is not built: run `npm run build` first.');
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
