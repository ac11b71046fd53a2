import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromiumMissing, screenshot, screenshotDir } from '../support/browser';
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

  it('says how many items the explorer found and how many each choice would find, and sorts them newest, oldest or best graded', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${suite.server.url}/evidence?iso3=KHM`);
    const facets = (await (await fetch(`${suite.server.url}/api/v1/evidence/facets?iso3=KHM`)).json()) as Record<'iso3' | 'direction', { value: string; count: number }[]> & { total: number };
    expect(facets.total).toBeGreaterThan(1);
    await page.getByRole('status').filter({ hasText: `${facets.total} items found` }).waitFor();
    const countOf = (facet: 'iso3' | 'direction', value: string) => facets[facet].find((f) => f.value === value)?.count ?? 0;
    // Each choice says what it would find with the other filters kept: Thailand is counted as if chosen instead.
    const stateOptions = await page.getByLabel('State', { exact: true }).locator('option').allInnerTexts();
    expect(stateOptions).toContain(`Thailand (${countOf('iso3', 'THA')})`);
    expect(countOf('iso3', 'THA')).toBeGreaterThan(0);
    const directionOptions = await page.getByLabel('Direction').locator('option').allInnerTexts();
    expect(directionOptions).toContain(`Progress (${countOf('direction', 'progress')})`);

    const shown = async () => {
      await page.locator('.evidence-item').first().waitFor();
      return page.locator('.evidence-item').evaluateAll((items) => items.map((i) => ({ published: i.getAttribute('data-published') ?? '', grade: i.getAttribute('data-grade') ?? '' })));
    };
    const dated = (list: { published: string }[]) => {
      const firstUndated = list.findIndex((i) => i.published === '');
      const withDates = list.slice(0, firstUndated < 0 ? list.length : firstUndated);
      // Undated items come after every dated one.
      expect(list.slice(withDates.length).every((i) => i.published === '')).toBe(true);
      return withDates.map((i) => i.published);
    };
    const newest = dated(await shown());
    expect(newest.length).toBeGreaterThan(1);
    expect(newest).toEqual([...newest].sort().reverse());

    await page.getByLabel('Sort by').selectOption({ label: 'Oldest first' });
    await page.waitForURL((url) => url.searchParams.get('sort') === 'oldest');
    await page.waitForFunction(() => {
      const dates = Array.from(document.querySelectorAll('.evidence-item')).map((i) => i.getAttribute('data-published') ?? '').filter(Boolean);
      return dates.length > 1 && dates.join() === [...dates].sort().join();
    });
    const oldest = dated(await shown());
    expect(oldest).toEqual([...oldest].sort());
    expect(new URL((await page.getByRole('link', { name: 'CSV' }).getAttribute('href')) ?? '', suite.server.url).searchParams.get('sort')).toBe('oldest');

    await page.getByLabel('Sort by').selectOption({ label: 'Best graded first' });
    await page.waitForURL((url) => url.searchParams.get('sort') === 'best_graded');
    await page.waitForFunction(() => {
      const grades = Array.from(document.querySelectorAll('.evidence-item')).map((i) => i.getAttribute('data-grade') ?? '');
      return grades.length > 1 && grades.join() === [...grades].sort().join();
    });
    const graded = (await shown()).map((i) => i.grade);
    expect(graded).toEqual([...graded].sort());
    expect(new Set(graded).size).toBeGreaterThan(1);

    // A narrower filter changes the count, and the choice of order stays.
    await page.getByLabel('Direction').selectOption('progress');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `${countOf('direction', 'progress')} item` }).waitFor();
    expect(new URL(page.url()).searchParams.get('sort')).toBe('best_graded');
    await page.setViewportSize({ width: 360, height: 800 });
    await screenshot(page, 'explorer-phone');
    await page.close();
  });

  it('compares States side by side as of a date, shareable by address, linked from the overview and a country page', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${suite.server.url}/states/KHM`);
    await page.getByRole('link', { name: 'Compare with other States' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compare States' }).waitFor();
    await page.getByText('Choose at least 2 States to compare.').waitFor();
    await page.getByRole('checkbox', { name: 'Thailand' }).check();
    await page.getByRole('checkbox', { name: 'Myanmar' }).check();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const table = page.locator('.compare-table table');
    await table.waitFor();
    expect(new URL(page.url()).searchParams.get('states')).toBe('KHM,MMR,THA');
    expect(await page.title()).toBe('Compare States · Scam-centre trafficking tracker');
    const heads = await table.locator('thead tr').first().locator('th').allInnerTexts();
    expect(heads.slice(1)).toEqual(['Cambodia', 'Myanmar', 'Thailand']);
    expect(await table.locator('tbody tr').count()).toBe(7);
    expect(await table.locator('tbody td .status').count()).toBe(21);
    // Their trends on one time axis: a line per State, told apart in a legend, every change drawn.
    const trends = page.locator('figure.chart', { hasText: 'Score over time' });
    await trends.scrollIntoViewIfNeeded();
    await trends.locator('.score-change').first().waitFor();
    expect(await trends.locator('.recharts-legend-item-text').allInnerTexts()).toEqual(['Cambodia', 'Myanmar', 'Thailand']);
    for (const [iso3, name] of [
      ['KHM', 'Cambodia'],
      ['MMR', 'Myanmar'],
      ['THA', 'Thailand'],
    ] as const) {
      const timeline = (await (await fetch(`${suite.server.url}/api/v1/scorecards/timeline?iso3=${iso3}`)).json()) as { points: { date: string }[] };
      const dates = timeline.points.map((p) => p.date).filter((d) => d <= new Date().toISOString().slice(0, 10));
      expect(await trends.locator(`.score-change[data-series="${name}"]`).evaluateAll((dots) => dots.map((d) => d.getAttribute('data-date'))), name).toEqual(dates);
    }
    const dots = await trends.locator('.score-change').evaluateAll((nodes) => nodes.map((n) => ({ time: Date.parse(`${n.getAttribute('data-date') ?? ''}T00:00:00Z`), at: Number(n.getAttribute('cx')) })));
    const [a, b] = [dots.reduce((m, d) => (d.time < m.time ? d : m)), dots.reduce((m, d) => (d.time > m.time ? d : m))];
    for (const dot of dots) expect(Math.abs(a.at + ((dot.time - a.time) * (b.at - a.at)) / (b.time - a.time) - dot.at)).toBeLessThan(1.5);
    await screenshot(page, 'compare-desktop');

    // The same address in another tab shows the same comparison; an earlier date shows that date.
    const shared = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await shared.goto(`${suite.server.url}/compare?states=THA,KHM&asOf=2025-01-15`);
    await shared.locator('.compare-table table').waitFor();
    expect(await shared.locator('.compare-table caption').innerText()).toContain('Jan 15, 2025');
    expect((await shared.locator('.compare-table thead tr').first().locator('th').allInnerTexts()).slice(1)).toEqual(['Thailand', 'Cambodia']);
    await shared.goto(`${suite.server.url}/compare?states=KHM,XYZ,THA`);
    await shared.getByText('Not in the catalogue, left out: XYZ.').waitFor();
    await shared.close();

    await page.goto(suite.server.url);
    await page.getByRole('link', { name: 'Compare States side by side' }).click();
    await page.locator('.compare-table table').waitFor();
    await page.close();
  });

  it('keeps the key columns in view on a phone: the recommendation beside each State', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(`${suite.server.url}/compare?states=KHM,THA,MMR,LAO,PHL`);
    const table = page.locator('.compare-table');
    await table.locator('table').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // Scrolled sideways to the last State, the recommendation column is still on screen.
    await table.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    const pinned = await table.locator('tbody th').first().boundingBox();
    expect(pinned?.x).toBeGreaterThanOrEqual(0);
    expect((pinned?.x ?? 0) + (pinned?.width ?? 0)).toBeLessThanOrEqual(360);
    await screenshot(page, 'compare-phone');
    await page.close();
  });

  it('lets a reader take a chart away: PNG, SVG, its data as CSV, and a citation with the address and date', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/states/KHM?asOf=2026-06-30`);
    const figure = page.locator('figure.chart', { hasText: 'Score over time' });
    await figure.scrollIntoViewIfNeeded();
    await figure.locator('.time-tick').first().waitFor();
    const downloaded = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name, exact: true }).click()]);
      const path = await file.path();
      return { name: file.suggestedFilename(), bytes: readFileSync(path) };
    };
    const svg = await downloaded('SVG');
    expect(svg.name).toBe('Score-over-time.svg');
    const text = svg.bytes.toString('utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('Score over time');
    expect(text).toContain('time-tick');
    const png = await downloaded('PNG');
    expect(png.name).toBe('Score-over-time.png');
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const csv = await downloaded('Data (CSV)');
    const rows: string[][] = parse(csv.bytes.toString('utf8'), { bom: true });
    expect(rows[0]).toEqual(['Date', 'Score', 'Coverage']);
    expect(rows.length).toBeGreaterThan(3);
    await figure.getByRole('button', { name: 'Cite this' }).click();
    const citation = await figure.locator('.citation p').innerText();
    expect(citation).toContain('Score over time. Scam-centre trafficking tracker, as of Jun 30, 2026.');
    expect(citation).toContain(`${suite.server.url}/en/states/KHM?asOf=2026-06-30`);
    await figure.getByRole('button', { name: 'Copy citation' }).click();
    await figure.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(citation);
    await context.close();
  });

  it('says on the overview what the score means, names the recommendations in the matrix, explains its colours, sorts it, and says when it last changed', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(suite.server.url);
    const matrix = page.locator('table.heatmap');
    await matrix.waitFor();
    await page.getByText(/^A score says how far States have got/).waitFor();
    expect(await page.getByText(/^Last change to an assessment: /).count()).toBe(1);
    const header = await matrix.locator('thead').innerText();
    expect(header).toContain('Tackle the drivers of vulnerability');
    expect(header).toContain('Protect journalists and human rights defenders');
    const legend = page.getByRole('group', { name: 'What the colours mean:' });
    expect(await legend.locator('li').count()).toBe(7);
    expect(await legend.innerText()).toContain('counts 100');
    const scores = async () => (await matrix.locator('tbody td.score-cell').allInnerTexts()).map(Number);
    const byScore = await scores();
    expect(byScore).toEqual([...byScore].sort((a, b) => b - a));
    await page.getByLabel('Sort States by').selectOption('name');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('name');
    const sortedByName = async () => {
      const names = await matrix.locator('tbody th').allInnerTexts();
      return names.length > 1 && names.join('|') === [...names].sort((a, b) => a.localeCompare(b)).join('|');
    };
    await expect.poll(sortedByName).toBe(true);
    await page.goto(`${suite.server.url}/states/KHM`);
    await page.getByText(/^Last change to this State's assessments: /).waitFor();
    await page.close();
  });

  it('draws a lower bound as one, writes each value on its bar, and never says a unit twice', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${suite.server.url}/states/KHM`);
    const people = page.locator('figure.chart', { hasText: 'People estimated held in scam operations' });
    await people.scrollIntoViewIfNeeded();
    await people.locator('.bar-lower-bound').first().waitFor();
    expect(await people.locator('.bar-exact').count()).toBe(0);
    expect(await people.locator('svg').first().textContent()).toContain('at least 100,000');
    await people.getByText(/^Hatched bars are lower bounds/).waitFor();
    const casinos = page.locator('figure.chart', { hasText: 'Casinos' });
    await casinos.scrollIntoViewIfNeeded();
    await casinos.locator('.bar-exact').first().waitFor();
    expect(await casinos.locator('figcaption').innerText()).not.toMatch(/Casinos \(casinos\)/i);
    expect(await casinos.locator('svg').first().textContent()).toContain('150');
    expect(await casinos.getByText(/^Hatched bars/).count()).toBe(0);
    await page.close();
  });

  it('draws a map with every State the source names: labelled, with a numeric legend, clickable, the distant ones listed beside it', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(suite.server.url);
    const map = page.locator('figure.chart', { has: page.locator('svg.region-map') });
    await page.locator('figcaption', { hasText: 'States shaded by score' }).scrollIntoViewIfNeeded();
    await map.locator('svg.region-map').waitFor();
    expect(await map.locator('text[data-iso3="KHM"]').textContent()).toBe('Cambodia');
    expect(await map.locator('text[data-iso3="THA"]').textContent()).toBe('Thailand');
    const legend = (await map.locator('.map-legend').textContent()) ?? '';
    for (const step of ['Score', '0–12', '88–100', 'Not assessed']) expect(legend).toContain(step);
    // The countries of origin far from the region are not left out.
    const listed = await map.locator('.map-states li').allInnerTexts();
    expect(listed.length).toBe(20);
    for (const name of ['Brazil', 'Kenya', 'Egypt', 'Bangladesh']) expect(listed.find((l) => l.trim().startsWith(name)), name).toContain('outside the map');
    await map.locator('path[data-iso3="THA"]').click();
    await page.getByRole('heading', { level: 1, name: 'Thailand' }).waitFor();
    await page.goBack();
    await map.getByRole('link', { name: /^Kenya/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Kenya' }).waitFor();
    await page.close();
  });
});
