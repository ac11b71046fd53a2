import { describe, expect, it } from 'vitest';
import { chromiumMissing, screenshot, watchForErrors } from '../support/browser';
import { serverAndBrowser } from '../support/browser-suite';

describe.skipIf(chromiumMissing)(`the dashboard in Chromium${chromiumMissing ? ' [SKIPPED: no Chromium]' : ''}`, () => {
  const suite = serverAndBrowser();

  it('shows the seven recommendations and the States from the API, without console errors', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchForErrors(page);
    await page.goto(suite.server.url);
    const items = page.getByTestId('recommendations').locator('li');
    await items.first().waitFor();
    expect(await items.count()).toBe(7);
    const text = await page.getByTestId('recommendations').innerText();
    for (const key of ['A.1', 'A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7']) expect(text).toContain(key);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.getByRole('link', { name: 'Cambodia' }).count()).toBe(1);
    await screenshot(page, 'overview-desktop');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('goes from the overview to a State and to a recommendation by link and by address', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchForErrors(page);
    await page.goto(suite.server.url);
    await page.getByRole('link', { name: 'Cambodia' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cambodia' }).waitFor();
    // Each page names itself in the tab, after a link as after a full load.
    await expect.poll(() => page.title()).toBe('Cambodia · Scam-centre trafficking tracker');
    await page.getByRole('cell', { name: 'Dara Sakor SEZ' }).or(page.getByRole('rowheader', { name: 'Dara Sakor SEZ' })).first().waitFor();
    expect(await page.getByRole('cell', { name: 'at least 100,000', exact: true }).count()).toBe(1);
    await screenshot(page, 'state-desktop');

    await page.goto(`${suite.server.url}/recommendations/A.5`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'special economic zones' }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^A\.5 .*special economic zones.* · Scam-centre trafficking tracker$/);
    await page.getByRole('link', { name: 'Methodology' }).first().click();
    await expect.poll(() => page.title()).toBe('How the tracker scores progress · Scam-centre trafficking tracker');
    await page.getByRole('link', { name: 'Overview' }).first().click();
    await expect.poll(() => page.title()).toBe('Overview · Scam-centre trafficking tracker');
    await screenshot(page, 'recommendation-desktop');

    await page.goto(`${suite.server.url}/states/ZZZ`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await page.title()).toBe('Page not found · Scam-centre trafficking tracker');
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    await page.close();
  });

  it('works at phone width: nothing wider than the screen', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(suite.server.url);
    await page.getByTestId('recommendations').locator('li').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'overview-phone');
    await page.goto(`${suite.server.url}/states/KHM`);
    await page.getByRole('heading', { level: 1, name: 'Cambodia' }).waitFor();
    await screenshot(page, 'state-phone');
    await page.close();
  });

  it('keeps one header layout on every page, on a phone and on a laptop', async () => {
    for (const viewport of [
      { width: 360, height: 740 },
      { width: 1280, height: 900 },
    ]) {
      const page = await suite.browser.newPage({ viewport });
      const layouts = new Map<string, string>();
      for (const path of ['/', '/evidence', '/states/KHM', '/recommendations/A.1', '/compare', '/methodology', '/data', '/data/api', '/sign-in', '/no-such-page']) {
        await page.goto(`${suite.server.url}${path}`);
        await page.locator('h1').first().waitFor();
        await page.locator('header').getByRole('link', { name: 'Sign in' }).waitFor();
        // Where each of the header's parts sits, and how tall it is.
        const layout = await page.locator('header').first().evaluate((header) =>
          JSON.stringify({
            height: Math.round(header.getBoundingClientRect().height),
            parts: Array.from(header.querySelectorAll('a, button, select')).map((part) => {
              const box = part.getBoundingClientRect();
              return [part.textContent?.trim() ?? '', Math.round(box.x), Math.round(box.y)];
            }),
          }),
        );
        layouts.set(path, layout);
      }
      const [first] = layouts.values();
      for (const [path, layout] of layouts) expect(layout, `${path} at ${viewport.width}px`).toBe(first);
      await page.close();
    }
    // Nor does it move when the session becomes known: held back here, as on a slow network.
    for (const width of [320, 360, 390, 430, 768, 1024]) {
      const page = await suite.browser.newPage({ viewport: { width, height: 800 } });
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\/trpc\/[^?]*auth\.me/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${suite.server.url}/methodology`);
      await page.locator('h1').first().waitFor();
      const parts = () =>
        page.locator('header').first().evaluate((header) =>
          JSON.stringify([header.getBoundingClientRect().height, ...Array.from(header.querySelectorAll('nav a:not([href$="/sign-in"]), select')).map((part) => [part.getBoundingClientRect().x, part.getBoundingClientRect().y])]),
        );
      const before = await parts();
      expect(await page.locator('header').getByRole('link', { name: 'Sign in' }).count()).toBe(0);
      release();
      await page.locator('header').getByRole('link', { name: 'Sign in' }).waitFor();
      expect(await parts(), `${width}px`).toBe(before);
      await page.close();
    }
  });

  it('can be used by keyboard: the skip link moves focus to the content', async () => {
    const page = await suite.browser.newPage();
    await page.goto(suite.server.url);
    await page.getByTestId('recommendations').locator('li').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });
});
