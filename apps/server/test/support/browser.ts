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

/**
 * Tables whose columns a reader on a narrow screen cannot see: a table wider than its frame, unless it
 * pins its key columns (the overview matrix, the comparison), which must then stay on screen when the
 * table is scrolled to its far end. Charts' data tables are hidden until asked for, and not counted.
 */
export async function cutOffTables(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    for (const wrap of Array.from(document.querySelectorAll<HTMLElement>('main .table-wrap'))) {
      if (wrap.closest('.chart, .visually-hidden') || wrap.offsetParent === null) continue;
      const name = wrap.querySelector('caption')?.textContent?.trim() || wrap.querySelector('th')?.textContent?.trim() || 'a table';
      if (wrap.scrollWidth <= wrap.clientWidth + 1) continue;
      const pinned = Array.from(wrap.querySelectorAll<HTMLElement>('tbody tr:first-child > th, tbody tr:first-child > .score-cell')).filter((cell) => getComputedStyle(cell).position === 'sticky');
      if (pinned.length === 0) {
        cut.push(`"${name}" is ${wrap.scrollWidth - wrap.clientWidth}px wider than the screen, its last columns cut off`);
        continue;
      }
      wrap.scrollLeft = wrap.scrollWidth;
      const frame = wrap.getBoundingClientRect();
      for (const cell of pinned) {
        const box = cell.getBoundingClientRect();
        if (box.left < frame.left - 1 || box.right > frame.right + 1) cut.push(`"${name}": a pinned column leaves the screen when scrolled`);
      }
      wrap.scrollLeft = 0;
    }
    return cut;
  });
}

/** Fills and sends the sign-in form the page shows (at /sign-in, or where a page sent the person to sign in). */
export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Signs in at /sign-in and returns once the tracker has moved the person on, which it does only after
 * the session cookie is set. Waiting for the header's "Sign in" link to go is not enough: while the
 * session is still being asked for, that link is not there yet, and leaving the page at that moment
 * abandons the sign-in.
 */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await fillSignIn(page, email, password);
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}
