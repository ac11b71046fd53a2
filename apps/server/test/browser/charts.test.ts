import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { chromiumMissing, screenshotDir } from '../support/browser';
import { serverAndBrowser } from '../support/browser-suite';

describe.skipIf(chromiumMissing)(`charts in Chromium, on the demo data${chromiumMissing ? ' [SKIPPED: no Chromium]' : ''}`, () => {
  const suite = serverAndBrowser({ demo: true });

  it('draws score over time on a true time axis: positions proportional to dates, held until the as-of date', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${suite.server.url}/states/KHM`);
    await page.getByRole('heading', { level: 1, name: 'Cambodia' }).waitFor();
    // Charts are drawn once they come near the screen.
    await page.locator('figcaption', { hasText: 'Score over time' }).scrollIntoViewIfNeeded();
    await page.locator('.time-tick').first().waitFor();
    const placed = (selector: string, attribute: 'x' | 'cx') =>
      page.locator(selector).evaluateAll(
        (nodes, attr) => nodes.map((n) => ({ time: Date.parse(`${n.getAttribute('data-date') ?? ''}T00:00:00Z`), at: Number(n.getAttribute(attr)) })),
        attribute,
      );
    const ticks = await placed('.time-tick', 'x');
    const changes = await placed('.score-change', 'cx');
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(changes.length).toBeGreaterThanOrEqual(2);
    const [first, last] = [ticks[0], ticks.at(-1)];
    if (!first || !last) throw new Error('no ticks');
    const pxPerMs = (last.at - first.at) / (last.time - first.time);
    // Every tick and every change sits where its date is on one linear scale (to within a pixel).
    for (const mark of [...ticks, ...changes]) expect(Math.abs(first.at + (mark.time - first.time) * pxPerMs - mark.at)).toBeLessThan(1.5);
    // The last tick is the as-of date (today): the line is carried on to it.
    expect(new Date(last.time).toISOString().slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    mkdirSync(screenshotDir, { recursive: true });
    await page.locator('figure.chart', { hasText: 'Score over time' }).screenshot({ path: `${screenshotDir}state-history-chart.png` });
    await page.close();
  });
});
