/**
 * The first view of the overview and a country page as a reader on a phone over a slow mobile
 * network sees it: Chromium with a slow-4G profile (1.6 Mbit/s down, 750 kbit/s up, 150 ms round
 * trip) and a 4× slower CPU, on freshly seeded demo data. Prints what was transferred, Largest
 * Contentful Paint and Cumulative Layout Shift, with the same page fetched without compression
 * (Accept-Encoding: identity) side by side. `npm run bench:first-view`
 *
 * `npm run bench:first-view -- --lighthouse` also runs Lighthouse 12 (mobile, performance only)
 * on both pages, through `npx` (fetched from the npm registry the first time; it drives Debian's
 * Chromium, it downloads no browser), three runs each, and prints the median score with its LCP,
 * TBT, CLS and FCP.
 */
import { createDb, migrate, seedCatalogue, seedDemo } from '@tracker/db';
import { Keyring, useKeyring } from '@tracker/db/keyring';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { readEnv } from '../apps/server/src/env';
import { closeServer, listen } from '../apps/server/src/server';

const pages = ['/en/', '/en/states/KHM'];
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };

interface View {
  page: string;
  encoding: 'negotiated' | 'identity';
  transferredKb: number;
  requests: number;
  lcpMs: number;
  cls: number;
}

async function firstView(browser: Browser, url: string, page: string, encoding: View['encoding']): Promise<View> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  if (encoding === 'identity') await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
    requests++;
  });
  await tab.addInitScript(() => {
    const w = window as unknown as { lcp: number; cls: number };
    w.lcp = 0;
    w.cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) w.cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await tab.goto(`${url}${page}`, { waitUntil: 'networkidle', timeout: 120_000 });
  await tab.waitForTimeout(500);
  const { lcp, cls } = await tab.evaluate(() => {
    const w = window as unknown as { lcp: number; cls: number };
    return { lcp: w.lcp, cls: w.cls };
  });
  await context.close();
  return { page, encoding, transferredKb: Math.round(bytes / 1024), requests, lcpMs: Math.round(lcp), cls: Math.round(cls * 1000) / 1000 };
}

interface LighthouseRun {
  score: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  fcpMs: number;
}

async function lighthouse(address: string): Promise<LighthouseRun> {
  const out = join(mkdtempSync(join(tmpdir(), 'tracker-lighthouse-')), 'report.json');
  const flags = ['--yes', 'lighthouse@12', address, '--only-categories=performance', '--output=json', `--output-path=${out}`, '--quiet', '--chrome-flags=--headless=new --no-sandbox --disable-gpu'];
  await promisify(execFile)('npx', flags, { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(readFileSync(out, 'utf8')) as { categories: { performance: { score: number } }; audits: Record<string, { numericValue: number }> };
  const value = (audit: string) => report.audits[audit]?.numericValue ?? NaN;
  return { score: Math.round(report.categories.performance.score * 100), lcpMs: Math.round(value('largest-contentful-paint')), tbtMs: Math.round(value('total-blocking-time')), cls: Math.round(value('cumulative-layout-shift') * 1000) / 1000, fcpMs: Math.round(value('first-contentful-paint')) };
}

useKeyring(Keyring.random('first-view benchmark'));
const handle = await createDb({ kind: 'pglite' });
await migrate(handle);
await seedCatalogue(handle.db);
await seedDemo(handle.db);
const { server, url } = await listen(handle, { ...readEnv({}), PORT: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] });
try {
  const views: View[] = [];
  for (const page of pages) for (const encoding of ['identity', 'negotiated'] as const) views.push(await firstView(browser, url, page, encoding));
  console.table(views);
  for (const page of pages) {
    const [plain, compressed] = [views.find((v) => v.page === page && v.encoding === 'identity'), views.find((v) => v.page === page && v.encoding === 'negotiated')];
    if (plain && compressed) console.log(`${page}: ${compressed.transferredKb} kB compressed against ${plain.transferredKb} kB (${(compressed.transferredKb / plain.transferredKb).toFixed(2)}×), LCP ${compressed.lcpMs} ms against ${plain.lcpMs} ms`);
  }
  if (process.argv.includes('--lighthouse')) {
    for (const page of pages) {
      const runs: LighthouseRun[] = [];
      // A run can fail on a trace Lighthouse could not record (NO_NAVSTART); it is tried again.
      for (let attempt = 0; runs.length < 3 && attempt < 6; attempt++) runs.push(...(await lighthouse(`${url}${page}`).then((r) => [r], () => [])));
      const median = [...runs].sort((a, b) => a.score - b.score)[Math.floor(runs.length / 2)];
      console.log(`Lighthouse 12, mobile, ${page}: scores ${runs.map((r) => r.score).join(', ')}; median run: ${JSON.stringify(median)}`);
    }
  }
} finally {
  await browser.close();
  await closeServer(server);
  await handle.close();
}
