import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { mkdirSync } from 'node:fs';
import { chromiumMissing, screenshotDir } from '../support/browser';
import { serverAndBrowser } from '../support/browser-suite';

describe.skipIf(chromiumMissing)(`the public pages in Chromium, on the demo data${chromiumMissing ? ' [SKIPPED: no Chromium]' : ''}`, () => {
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

  it('downloads the explorer’s results with its filters', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${suite.server.url}/evidence?iso3=KHM&direction=progress`);
    const csvLink = page.getByRole('link', { name: 'CSV' });
    await csvLink.waitFor();
    const address = new URL((await csvLink.getAttribute('href')) ?? '', suite.server.url);
    expect(address.pathname).toBe('/api/v1/export/evidence.csv');
    expect(Object.fromEntries(address.searchParams)).toEqual({ iso3: 'KHM', direction: 'progress' });
    const rows = (text: string) => parse<Record<string, string>>(text, { columns: true, bom: true });
    const filtered = rows(await (await fetch(address)).text());
    const everything = rows(await (await fetch(`${suite.server.url}/api/v1/export/evidence.csv`)).text());
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(everything.length);
    expect(filtered.every((r) => r['iso3'] === 'KHM' && r['direction'] === 'progress')).toBe(true);
    const json = page.getByRole('link', { name: 'JSON' });
    expect(await json.getAttribute('href')).toBe('/api/v1/export/evidence.json?iso3=KHM&direction=progress');
    await page.close();
  });
});
