import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM);

// Said once per browser suite: loud locally, fatal under CI=true.
if (chromiumMissing) {
  if (process.env['CI'] === 'true') throw new Error(`Chromium is not installed at ${CHROMIUM}; with CI=true the browser suites must run.`);
  console.warn(`\n!!! Chromium is not installed at ${CHROMIUM}: the browser suites are SKIPPED.\n`);
}
export const screenshotDir = fileURLToPath(new URL('../../../../test-results/screenshots/', import.meta.url));

/** Debian's Chromium, headless, with the background traffic this offline machine refuses switched off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collects console errors and failed requests on a page; a test asserts the list is empty. */
export function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Requests cut off by navigating away are not failures.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()}`);
  });
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}
