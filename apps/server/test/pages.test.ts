import { setCatalogueTranslation } from '@tracker/db';
import { approvedAssessment, createUser, describeEachDb, seededTeam, verifiedEvidence, type TestUser } from '@tracker/db/testing';
import { XMLValidator } from 'fast-xml-parser';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEnv } from '../src/env';
import { closeServer, listen } from '../src/server';

const HOSTILE = 'Thai"><script>alert(1)</script>';

describeEachDb('pages: status, title, description and previews in the HTML', (suite) => {
  let server: Server;
  let base = '';
  let monitor: TestUser;
  let reviewer: TestUser;

  beforeAll(async () => {
    ({ monitor, reviewer } = await seededTeam(suite.db));
    const law = await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'THA' });
    await approvedAssessment(suite.db, monitor, reviewer, { iso3: 'THA', recommendationKey: 'A.2', status: 'framework_adopted', rationale: 'In force.', effectiveFrom: '2025-03-01', evidenceIds: [law.id] });
    const started = await listen(suite.handle, { ...readEnv({}), PORT: 0 });
    server = started.server;
    base = started.url;
  });
  afterAll(() => closeServer(server));

  const page = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${base}${path}`, init);
    const html = await res.text();
    const meta = (attribute: string, name: string) => new RegExp(`<meta ${attribute}="${name}" content="([^"]*)"`).exec(html)?.[1];
    return { res, html, title: /<title>([^<]*)<\/title>/.exec(html)?.[1], description: meta('name', 'description'), og: (name: string) => meta('property', `og:${name}`) };
  };

  it('names each page in its language, with Open Graph tags a shared link previews with', async () => {
    const overview = await page('/en/');
    expect(overview.res.status).toBe(200);
    expect(overview.res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(overview.title).toBe('Overview · Scam-centre trafficking tracker');
    expect(overview.og('title')).toBe(overview.title);
    expect(overview.html).toContain('<html lang="en"');
    expect(overview.html).toContain(`<link rel="canonical" href="${base}/en/" />`);
    expect(overview.html).toContain(`<link rel="alternate" hreflang="km" href="${base}/km/" />`);
    expect((await page('/en//states//KHM/')).html).toContain(`<link rel="canonical" href="${base}/en/states/KHM" />`);

    const methodology = await page('/th/methodology');
    expect(methodology.html).toContain('<html lang="th"');
    expect(methodology.title).not.toBe(overview.title);
    expect(methodology.title).toMatch(/[\u0E00-\u0E7F]/);

    const state = await page('/en/states/THA');
    expect(state.res.status).toBe(200);
    expect(state.title).toBe('Thailand · Scam-centre trafficking tracker');
    expect(state.description).toMatch(/^Thailand: \d+ out of 100 on the UN recommendations/);
    expect(state.og('description')).toBe(state.description);
    const unassessed = await page('/en/states/KHM');
    expect(unassessed.description).toBe('Cambodia: not yet assessed on the UN recommendations on scam-centre trafficking.');
    const thai = await page('/th/states/THA');
    expect(thai.description).toMatch(/จาก 100/);
    // The State named as the dashboard names it in Thai (CLDR), not in English.
    expect(thai.title).toMatch(/^ไทย · /);
    expect((await page('/km/states/KHM')).title).toMatch(/^កម្ពុជា · /);

    const recommendation = await page('/en/recommendations/A.2');
    expect(recommendation.title).toMatch(/^A\.2 .+ · Scam-centre trafficking tracker$/);
    expect(recommendation.og('locale')).toBe('en');
    expect((await page('/zh-hans/recommendations/A.2')).og('locale')).toBe('zh_Hans');
  });

  it('answers 404 for paths that are no page, and for States, recommendations and identifiers that do not exist', async () => {
    for (const path of ['/en/no-such-page', '/th/states/XYZ', '/en/states/tha', '/en/recommendations/Z.9', '/en/evidence/not-an-id', '/en/admin/nothing', '/en/states/%E0%A4%A', '/en/states/%3Cscript%3E', '/no-such-page', '/en/workspace/evidence/new/more']) {
      const missing = await page(path);
      expect(missing.res.status, path).toBe(404);
      // Still the dashboard, which says so in the reader's language, and never indexed.
      expect(missing.html, path).toContain('<div id="root"></div>');
      expect(missing.html, path).toContain('<meta name="robots" content="noindex" />');
      expect(missing.html, path).not.toContain('<script>');
    }
    for (const path of ['/', '/en', '/en/', '/states/KHM', '/en/evidence/00000000-0000-4000-8000-000000000000', '/en/workspace/evidence/new', '/en/sign-in', '/en/data/api', '/lo/evidence?iso3=KHM']) {
      expect((await page(path)).res.status, path).toBe(200);
    }
    expect((await fetch(`${base}/assets/nothing.js`)).status).toBe(404);
  });

  it('escapes what it puts into the HTML, whoever wrote it', async () => {
    const admin = await createUser(suite.db, 'admin');
    await setCatalogueTranslation(suite.db, admin, { entity: 'state', key: 'THA', field: 'name', language: 'th', text: HOSTILE });
    const thai = await page('/th/states/THA');
    expect(thai.html).not.toContain('<script>alert(1)</script>');
    expect(thai.title).toBe('Thai&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62; · ' + /· (.*)$/.exec(thai.title ?? '')?.[1]);
    await setCatalogueTranslation(suite.db, admin, { entity: 'state', key: 'THA', field: 'name', language: 'th', text: '' });
  });

  it('keeps a page as bytes until the data changes, and says what changed when it does', async () => {
    const first = await page('/en/states/KHM');
    const etag = first.res.headers.get('etag');
    expect(etag).toMatch(/^W\//);
    expect((await fetch(`${base}/en/states/KHM`, { headers: { 'if-none-match': etag ?? '' } })).status).toBe(304);
    const item = await verifiedEvidence(suite.db, monitor, reviewer, { iso3: 'KHM', recommendationKeys: ['A.1'] });
    await approvedAssessment(suite.db, monitor, reviewer, { iso3: 'KHM', recommendationKey: 'A.1', status: 'framework_adopted', rationale: 'Adopted.', effectiveFrom: '2025-01-01', evidenceIds: [item.id] });
    const after = await page('/en/states/KHM', { headers: { 'if-none-match': etag ?? '' } });
    expect(after.res.status).toBe(200);
    expect(after.description).toMatch(/^Cambodia: \d+ out of 100/);
    const head = await fetch(`${base}/en/states/KHM`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves a real robots.txt and a sitemap of every public page in every language', async () => {
    const robots = await fetch(`${base}/robots.txt`);
    expect(robots.status).toBe(200);
    expect(robots.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const rules = await robots.text();
    expect(rules).toContain('User-agent: *');
    expect(rules).toContain('Disallow: /*/workspace');
    expect(rules).toContain('Disallow: /*/admin');
    expect(rules).toContain(`Sitemap: ${base}/sitemap.xml`);
    expect(rules).not.toContain('<html');

    const sitemap = await fetch(`${base}/sitemap.xml`);
    expect(sitemap.status).toBe(200);
    expect(sitemap.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await sitemap.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const locs = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1] ?? '');
    expect(locs).toContain(`${base}/en/`);
    expect(locs).toContain(`${base}/th/states/THA`);
    expect(locs).toContain(`${base}/my/recommendations/A.2`);
    expect(locs).toContain(`${base}/zh-hans/methodology`);
    expect(locs.filter((l) => /workspace|admin|review|sign-in|account/.test(l))).toEqual([]);
    // Every address in it is a page that answers 200.
    for (const loc of locs.filter((_, i) => i % 37 === 0)) expect((await fetch(loc)).status, loc).toBe(200);
  });
});
