import {
  createEvidence,
  proposeAssessment,
  reviewAssessment,
  reviewEvidence,
  seedCatalogue,
  submitEvidence,
} from '@tracker/db';
import { createUser, describeEachDb, evidenceFields } from '@tracker/db/testing';
import type { EvidenceCreateInput } from '@tracker/domain';
import { parse } from 'csv-parse/sync';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEnv } from '../src/env';
import { closeServer, listen } from '../src/server';

const THAI = 'ศาลตัดสินจำคุกผู้ค้ามนุษย์ในคดีแก๊งคอลเซ็นเตอร์';
const KHMER = 'តុលាការបានកាត់ទោសជនល្មើសជួញដូរមនុស្ស';
const FORMULA = '=HYPERLINK("https://evil.example","click")';
const SECRET = 'RESTRICTED-EXPORT-MARKER';

describeEachDb('open data: exports and feeds', (suite) => {
  let server: Server;
  let base = '';

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    const monitor = await createUser(suite.db, 'monitor');
    const reviewer = await createUser(suite.db, 'reviewer');
    const publish = async (fields: Partial<EvidenceCreateInput>) => {
      const e = await createEvidence(suite.db, monitor, evidenceFields(fields));
      await submitEvidence(suite.db, monitor, e.id);
      return reviewEvidence(suite.db, reviewer, { id: e.id, decision: 'verify', note: 'ok' });
    };
    const law = await publish({ title: THAI, summary: KHMER, language: 'th', iso3: 'THA' });
    await publish({ title: FORMULA, summary: '+SUM(A1:A9)' });
    await publish({ title: `${SECRET} title`, summary: SECRET, visibility: 'restricted' });
    const proposal = await proposeAssessment(suite.db, monitor, {
      iso3: 'THA',
      recommendationKey: 'A.2',
      status: 'framework_adopted',
      rationale: 'The amended law is in force.',
      effectiveFrom: '2025-03-01',
      evidenceIds: [law.id],
    });
    await reviewAssessment(suite.db, reviewer, { id: proposal.id, decision: 'approve', note: 'ok' });
    const started = await listen(suite.handle, { ...readEnv({}), PORT: 0 });
    server = started.server;
    base = started.url;
  });
  afterAll(() => closeServer(server));

  const csvRows = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];

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
    expect((await fetch(`${base}/api/v1/export/matrix.csv?asOf=June`)).status).toBe(400);
    expect((await fetch(`${base}/api/v1/export/secrets.csv`)).status).toBe(404);
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
    expect((await fetch(`${base}/feeds/XYZ.atom`)).status).toBe(404);
  });
});
