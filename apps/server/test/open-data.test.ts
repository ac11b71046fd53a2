import { seedCatalogue } from '@tracker/db';
import { approvedAssessment, createUser, describeEachDb, verifiedEvidence } from '@tracker/db/testing';
import { createCaller, createContextInner } from '@tracker/api';
import type { EvidenceCreateInput } from '@tracker/domain';
import { parseFeed } from '@rowanmanning/feed-parser';
import { parse } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../src/env';
import { closeServer, listen } from '../src/server';
import { openApiContract } from './support/openapi-contract';
import { query } from './support/trpc-http';

const THAI = 'ศาลตัดสินจำคุกผู้ค้ามนุษย์ในคดีแก๊งคอลเซ็นเตอร์';
const KHMER = 'តុលាការបានកាត់ទោសជនល្មើសជួញដូរមនុស្ស';
const FORMULA = '=HYPERLINK("https://evil.example","click")';
const SECRET = 'RESTRICTED-EXPORT-MARKER';
const REPLY = 'The Government reports the amended law in force in every province.';
const PLEDGE = 'Thailand will license every operator in its border economic zones.';

describeEachDb('open data: exports and feeds', (suite) => {
  let server: Server;
  let base = '';

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    const monitor = await createUser(suite.db, 'monitor');
    const reviewer = await createUser(suite.db, 'reviewer');
    const publish = (fields: Partial<EvidenceCreateInput>) => verifiedEvidence(suite.db, monitor, reviewer, fields);
    const law = await publish({ title: THAI, summary: KHMER, language: 'th', iso3: 'THA' });
    await publish({ title: FORMULA, summary: '+SUM(A1:A9)' });
    await publish({ title: `${SECRET} title`, summary: SECRET, visibility: 'restricted' });
    await approvedAssessment(suite.db, monitor, reviewer, {
      iso3: 'THA',
      recommendationKey: 'A.2',
      status: 'framework_adopted',
      rationale: 'The amended law is in force.',
      effectiveFrom: '2025-03-01',
      evidenceIds: [law.id],
    });
    // A State's accepted reply, an overdue commitment, and one awaiting review.
    const as = (user: typeof monitor) => createCaller(createContextInner({ db: suite.db, user }));
    const reply = await as(monitor).replies.create({ iso3: 'THA', recommendationKey: 'A.2', kind: 'self_assessment', summary: REPLY, sourceUrl: 'https://example.org/self-assessment', publishedOn: '2025-04-01', claimedStatus: 'effective' });
    await as(reviewer).replies.review({ id: reply.id, decision: 'accept', note: 'The law is adopted; enforcement has not begun.' });
    const pledge = await as(monitor).commitments.create({ iso3: 'THA', recommendationKeys: ['A.2', 'A.5'], text: PLEDGE, sourceUrl: 'https://example.org/pledge', madeOn: '2024-01-10', dueBy: '2024-12-31' });
    await as(reviewer).commitments.review({ id: pledge.id, decision: 'accept', note: 'Recorded.' });
    await as(monitor).commitments.create({ iso3: 'THA', recommendationKeys: ['A.2'], text: `${SECRET} pledge awaiting review`, sourceUrl: 'https://example.org/p2', madeOn: '2024-01-10', dueBy: '2024-06-30' });
    const started = await listen(suite.handle, { ...readEnv({}), PORT: 0 });
    server = started.server;
    base = started.url;
  });
  afterAll(() => closeServer(server));

  // Answers checked against the published OpenAPI document (successes of documented operations, and
  // every error body).
  let contract: ReturnType<typeof openApiContract> | undefined;
  const checked = async (url: string, init?: RequestInit) => {
    const res = await fetch(url, init);
    contract ??= openApiContract(await (await fetch(`${base}/api/v1/openapi.json`)).json(), '/api/v1');
    await contract.check(url, res, init?.method?.toLowerCase());
    return res;
  };
  afterAll(() => {
    expect(contract?.checked).toBeGreaterThan(25);
  });

  const csvRows = (text: string) => parse<Record<string, string>>(text, { columns: true, bom: true });

  it('exports public evidence as CSV: every script round-trips, formulas are defused, nothing restricted leaks', async () => {
    const res = await fetch(`${base}/api/v1/export/evidence.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    const rows = csvRows(text);
    expect(rows).toHaveLength(2);
    const thai = rows.find((r) => r['language'] === 'th');
    expect(thai).toMatchObject({ title: THAI, summary: KHMER, iso3: 'THA', recommendationKeys: 'A.2' });
    const formula = rows.find((r) => r['title']?.includes('HYPERLINK'));
    expect(formula?.['title']).toBe(`'${FORMULA}`);
    expect(formula?.['summary']).toBe("'+SUM(A1:A9)");
  });

  it('offers an Excel-friendly CSV with a byte-order mark and CRLF line ends', async () => {
    const bytes = new Uint8Array(await (await fetch(`${base}/api/v1/export/evidence.csv?excel=1`)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('\r\n');
  });

  it('exports the same data as JSON, and the assessment history, matrix and scorecards as of a date', async () => {
    const evidence = (await (await fetch(`${base}/api/v1/export/evidence.json`)).json()) as { title: string }[];
    expect(evidence.map((e) => e.title).sort()).toEqual([FORMULA, THAI].sort());
    const history = csvRows(await (await fetch(`${base}/api/v1/export/assessments.csv`)).text());
    expect(history).toEqual([expect.objectContaining({ iso3: 'THA', recommendationKey: 'A.2', status: 'framework_adopted', publicSources: '1' })]);
    const before = csvRows(await (await fetch(`${base}/api/v1/export/matrix.csv?asOf=2025-01-01`)).text());
    expect(before).toHaveLength(20 * 7);
    expect(before.find((r) => r['iso3'] === 'THA' && r['recommendationKey'] === 'A.2')?.['status']).toBe('');
    const after = (await (await fetch(`${base}/api/v1/export/scorecards.json?asOf=2025-06-01`)).json()) as { iso3: string; score: number | null }[];
    expect(after.find((s) => s.iso3 === 'THA')?.score).toBe(50);
    expect((await checked(`${base}/api/v1/export/matrix.csv?asOf=June`)).status).toBe(400);
    expect((await checked(`${base}/api/v1/export/secrets.csv`)).status).toBe(404);
  });

  it('describes every column in a data dictionary that matches the files', async () => {
    const dictionary = (await (await fetch(`${base}/api/v1/export/dictionary.json`)).json()) as Record<string, { columns: Record<string, string> }>;
    for (const name of ['evidence', 'assessments', 'matrix', 'scorecards']) {
      const header = (await (await fetch(`${base}/api/v1/export/${name}.csv`)).text()).split('\n')[0];
      expect(header?.split(','), name).toEqual(Object.keys(dictionary[name]?.columns ?? {}));
    }
  });

  it('lets clients revalidate cheaply with ETags', async () => {
    const first = await fetch(`${base}/api/v1/export/evidence.json`);
    const etag = first.headers.get('etag');
    expect(first.headers.get('cache-control')).toMatch(/public/);
    const again = await fetch(`${base}/api/v1/export/evidence.json`, { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
  });

  it('downloads evidence filtered as the explorer lists it, and refuses a filter it does not know', async () => {
    const thai = csvRows(await (await fetch(`${base}/api/v1/export/evidence.csv?iso3=THA`)).text());
    expect(thai.map((r) => r['title'])).toEqual([THAI]);
    const all = csvRows(await (await fetch(`${base}/api/v1/export/evidence.csv`)).text());
    expect(all.length).toBeGreaterThan(thai.length);
    const json = (await (await fetch(`${base}/api/v1/export/evidence.json?iso3=THA&kind=${thai[0]?.['kind'] ?? ''}`)).json()) as { title: string }[];
    expect(json.map((r) => r.title)).toEqual([THAI]);
    const searched = (await (await fetch(`${base}/api/v1/export/evidence.json?q=${encodeURIComponent('HYPERLINK')}`)).json()) as { title: string }[];
    expect(searched.map((r) => r.title)).toEqual([FORMULA]);
    expect(csvRows(await (await fetch(`${base}/api/v1/export/evidence.csv?publishedFrom=2099-01-01`)).text())).toEqual([]);
    for (const [query, field] of [['iso3=thailand', 'iso3'], ['iso=THA', ''], ['visibility=restricted', ''], ['publishedFrom=2024-02-30', 'publishedFrom'], ['kind=rumour', 'kind']] as const) {
      const res = await checked(`${base}/api/v1/export/evidence.csv?${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string; issues: { path: string }[] } };
      expect(body.error.code).toBe('BAD_REQUEST');
      expect(body.error.issues.map((i) => i.path), query).toContain(field);
      expect(JSON.stringify(body)).not.toContain(SECRET);
    }
  });

  it('counts public evidence by the explorer’s filters over REST, never a restricted item, and sorts a download', async () => {
    const facets = (await (await checked(`${base}/api/v1/evidence/facets`)).json()) as { total: number; iso3: { value: string; count: number }[] };
    expect(facets.total).toBe(2);
    expect(facets.iso3).toEqual([
      { value: 'KHM', count: 1 },
      { value: 'THA', count: 1 },
    ]);
    const thai = (await (await checked(`${base}/api/v1/evidence/facets?iso3=THA`)).json()) as { total: number; iso3: unknown };
    expect(thai.total).toBe(1);
    expect(thai.iso3).toEqual(facets.iso3);
    expect(((await (await checked(`${base}/api/v1/evidence/facets?q=${encodeURIComponent(SECRET)}`)).json()) as { total: number }).total).toBe(0);
    const refused = await checked(`${base}/api/v1/evidence/facets?iso3=thailand`);
    expect(refused.status).toBe(400);
    const oldest = (await (await fetch(`${base}/api/v1/export/evidence.json?sort=oldest`)).json()) as { title: string }[];
    const newest = (await (await fetch(`${base}/api/v1/export/evidence.json`)).json()) as { title: string }[];
    expect(oldest.map((r) => r.title)).toEqual(newest.map((r) => r.title).reverse());
    expect((await fetch(`${base}/api/v1/export/evidence.json?sort=loudest`)).status).toBe(400);
  });

  it('publishes Atom feeds of verified evidence and approved assessments, overall and per State', async () => {
    const all = await fetch(`${base}/feeds/all.atom`);
    expect(all.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await all.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toContain(THAI);
    expect(xml).toContain('A.2: framework adopted from 2025-03-01');
    expect(xml).not.toContain(SECRET);
    const thailand = await (await fetch(`${base}/feeds/THA.atom`)).text();
    expect(thailand).toContain(THAI);
    expect(thailand).not.toContain('HYPERLINK');
    const unknown = await checked(`${base}/feeds/XYZ.atom`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('publishes accepted replies and overdue commitments as CSV and Atom, and nothing awaiting review', async () => {
    const replies = csvRows(await (await fetch(`${base}/api/v1/export/replies.csv`)).text());
    expect(replies).toEqual([expect.objectContaining({ iso3: 'THA', recommendationKey: 'A.2', kind: 'self_assessment', summary: REPLY, claimedStatus: 'effective', answer: 'The law is adopted; enforcement has not begun.' })]);
    const overdue = await (await fetch(`${base}/api/v1/export/commitments-overdue.csv`)).text();
    expect(overdue).not.toContain(SECRET);
    expect(csvRows(overdue)).toEqual([expect.objectContaining({ iso3: 'THA', text: PLEDGE, dueBy: '2024-12-31', state: 'overdue', recommendationKeys: 'A.2|A.5' })]);
    // As of a date before the deadline it was not overdue yet; the full list says what it was.
    expect(csvRows(await (await fetch(`${base}/api/v1/export/commitments-overdue.csv?asOf=2024-12-31`)).text())).toEqual([]);
    expect(csvRows(await (await fetch(`${base}/api/v1/export/commitments.csv?asOf=2024-12-01`)).text())).toEqual([expect.objectContaining({ text: PLEDGE, state: 'due_soon' })]);
    expect((await checked(`${base}/api/v1/export/commitments.csv?state=late`)).status).toBe(400);
    const feed = await (await fetch(`${base}/feeds/commitments-overdue.atom`)).text();
    expect(XMLValidator.validate(feed)).toBe(true);
    const parsed = parseFeed(feed);
    expect(parsed.items.map((i) => i.title)).toEqual(['THA: overdue since 2024-12-31 (A.2, A.5)']);
    expect(parsed.items[0]?.url).toBe(`${base}/states/THA`);
    expect(feed).not.toContain(SECRET);
    expect(await (await fetch(`${base}/feeds/THA.atom`)).text()).toContain(REPLY);
  });

  it('feeds are well-formed Atom that an independent parser reads: an author, and each entry published and updated', async () => {
    for (const scope of ['all', 'THA', 'commitments-overdue']) {
      const xml = await (await fetch(`${base}/feeds/${scope}.atom`)).text();
      expect(XMLValidator.validate(xml), scope).toBe(true);
      const feed = parseFeed(xml);
      expect(feed.meta.type).toBe('atom');
      expect(feed.title).toMatch(/tracker/);
      // RFC 4287 4.1.1: a feed without an author on every entry needs one on the feed.
      expect(feed.authors.map((a) => a.name)).toEqual(['Scam-centre trafficking tracker']);
      expect(feed.items.length).toBeGreaterThan(0);
      for (const item of feed.items) {
        expect(item.id, item.title ?? '').toMatch(/^http/);
        expect(item.url).toMatch(/^http/);
        expect(item.authors.length).toBeGreaterThan(0);
        expect(item.published).toBeInstanceOf(Date);
        expect(item.updated).toBeInstanceOf(Date);
        expect(Number.isNaN(item.published?.getTime())).toBe(false);
      }
      expect(feed.items.map((i) => i.title).join('\n')).not.toContain(SECRET);
    }
  });

  describe('REST API', () => {
    interface OpenApi {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>>;
    }
    // Every REST answer in this suite, success or error, is checked against the published document.
    const rest = (path: string, init?: RequestInit) => checked(`${base}/api/v1${path}`, init);
    const json = async <T>(path: string) => {
      const res = await rest(path);
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };

    it('publishes an OpenAPI 3.1 document of every public read, generated from the procedures', async () => {
      const doc = await json<OpenApi>('/openapi.json');
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.servers[0]?.url).toBe(`${base}/api/v1`);
      expect(Object.keys(doc.paths).sort()).toEqual(
        [
          '/assessments',
          '/audit/head',
          '/catalogue',
          '/commitments',
          '/evidence',
          '/evidence/facets',
          '/evidence/{id}',
          '/frameworks',
          '/indicators',
          '/recommendations',
          '/recommendations/{key}',
          '/replies',
          '/scorecards/changes',
          '/scorecards/matrix',
          '/scorecards/recommendations/{key}',
          '/scorecards/states/{iso3}',
          '/scorecards/timeline',
          '/sites',
          '/states',
          '/states/{iso3}',
          '/translations/{language}',
        ].sort(),
      );
      for (const [path, operations] of Object.entries(doc.paths)) {
        expect(Object.keys(operations), path).toEqual(['get']);
        expect(operations['get']?.responses, path).toHaveProperty('200');
      }
      expect(doc.paths['/evidence']?.['get']?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['iso3', 'q', 'cursor', 'limit']));
    });

    it('answers each path with what the procedure returns to the public', async () => {
      const [lawId] = (await json<{ items: { id: string; language: string }[] }>('/evidence?iso3=THA')).items.map((e) => e.id);
      const pairs: [string, string, unknown][] = [
        ['/states', 'states.list', undefined],
        ['/states/tha', 'states.get', { iso3: 'THA' }],
        ['/frameworks', 'catalogue.frameworks', undefined],
        ['/recommendations/A.2', 'catalogue.recommendation', { key: 'A.2' }],
        ['/catalogue', 'catalogue.export', undefined],
        ['/sites?iso3=KHM', 'sites.list', { iso3: 'KHM' }],
        ['/indicators', 'indicators.series', {}],
        ['/evidence?limit=1', 'evidence.list', { limit: 1 }],
        [`/evidence/${lawId}`, 'evidence.get', { id: lawId }],
        ['/assessments?iso3=THA', 'assessments.history', { iso3: 'THA' }],
        ['/scorecards/states/THA?asOf=2025-06-01', 'scorecards.state', { iso3: 'THA', asOf: '2025-06-01' }],
        ['/scorecards/matrix?asOf=2025-06-01', 'scorecards.matrix', { asOf: '2025-06-01' }],
        ['/scorecards/recommendations/A.2?asOf=2025-06-01', 'scorecards.recommendation', { key: 'A.2', asOf: '2025-06-01' }],
        ['/scorecards/timeline?iso3=THA', 'scorecards.timeline', { iso3: 'THA' }],
        ['/scorecards/changes?since=2025-01-01&until=2025-06-01', 'scorecards.changes', { since: '2025-01-01', until: '2025-06-01' }],
        ['/audit/head', 'audit.head', undefined],
      ];
      for (const [path, procedure, input] of pairs) {
        const viaTrpc = await query(base, procedure, input);
        expect(viaTrpc.status, procedure).toBe(200);
        expect(await json(path), path).toEqual(viaTrpc.data);
      }
      const card = await json<{ score: number }>('/scorecards/states/THA?asOf=2025-06-01');
      expect(card.score).toBe(50);
    });

    it('searches and filters in any script, and pages with the cursor', async () => {
      const found = await json<{ items: { title: string }[] }>(`/evidence?q=${encodeURIComponent('ค้ามนุษย์')}`);
      expect(found.items.map((e) => e.title)).toEqual([THAI]);
      const first = await json<{ items: { id: string }[]; nextCursor: string | null }>('/evidence?limit=1');
      expect(first.nextCursor).not.toBeNull();
      const second = await json<{ items: { id: string }[]; nextCursor: string | null }>(`/evidence?limit=1&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
      expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
      expect(second.nextCursor).toBeNull();
    });

    it('gives the public projection even to a signed-in caller, and never restricted evidence', async () => {
      const all = await rest('/evidence?limit=100&visibility=restricted', { headers: { cookie: 'tracker_session=anything' } });
      const body = await all.text();
      expect(body).not.toContain(SECRET);
      expect(JSON.parse(body)).toEqual({ items: [], nextCursor: null });
    });

    it('explains bad input by parameter, and answers 404, 405 and HEAD as a client expects', async () => {
      const bad = await rest('/evidence?limit=500&iso3=Thailand');
      expect(bad.status).toBe(400);
      expect(bad.headers.get('cache-control')).toBe('no-store');
      const error = ((await bad.json()) as { error: { message: string; issues: { path: string }[] } }).error;
      expect(error.issues.map((i) => i.path).sort()).toEqual(['iso3', 'limit']);
      expect(error.message).toContain('iso3: Use a three-letter ISO 3166-1 alpha-3 code');
      expect((await rest('/scorecards/matrix?asOf=June')).status).toBe(400);
      expect((await rest('/states/XYZ')).status).toBe(404);
      expect((await rest('/evidence/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await rest('/no-such-thing')).status).toBe(404);
      const post = await rest('/states', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET, HEAD');
      const head = await rest('/states', { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('etag')).toMatch(/^W\/"\d+-/);
      expect(await head.text()).toBe('');
    });

    it('sends ETag and Cache-Control, and 304 when nothing changed', async () => {
      const first = await rest('/scorecards/matrix');
      expect(first.headers.get('cache-control')).toBe('public, max-age=60');
      expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const etag = first.headers.get('etag') ?? '';
      const again = await rest('/scorecards/matrix', { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      const doc = await rest('/openapi.json');
      expect((await rest('/openapi.json', { headers: { 'if-none-match': doc.headers.get('etag') ?? '' } })).status).toBe(304);
    });
  });
});
