import { checkImportReferences, importEvidence, seedCatalogue } from '@tracker/db';
import * as t from '@tracker/db/schema';
import { createUser, describeEachDb, type TestUser, must } from '@tracker/db/testing';
import { count, eq } from 'drizzle-orm';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_FILE_BYTES } from '@tracker/domain';
import { importCommand, parseEvidenceCsv } from '../src/commands/import';
import { AppError } from '@tracker/domain';
import { seedCommand } from '../src/commands/database';
import { createUserCommand } from '../src/commands/users';
import { readEnv } from '../src/env';

const header = 'externalId,iso3,recommendationKeys,siteIds,title,summary,kind,direction,sourceUrl,publisher,publishedOn,language,reliability,credibility,visibility,containsPersonalData';
const rows = [
  'ext-1,THA,A.2|A.6,,ศาลตัดสินจำคุกผู้ค้ามนุษย์,สรุปคำพิพากษา,court_decision,progress,https://example.org/1,ศาลอาญา,2025-01-10,th,B,2,public,false',
  ',KHM,A.5,,"Raid on a compound, 300 people freed","Police raided the compound; ""victims"" were screened.",enforcement_action,progress,https://example.org/2,Ministry,2025-02-01,en,C,3,restricted,',
  ',MMR,A.7,,Journalist detained,Arrested after reporting on compounds.,media_report,setback,,,,en,B,2,public,no',
];
const file = (...lines: string[]) => Buffer.from([header, ...lines].join('\n'), 'utf8');

describe('reading an evidence CSV', () => {
  it('reads Thai, quoted commas and escaped quotes, and | separated lists', () => {
    const { rows: parsed, issues } = parseEvidenceCsv(file(...rows));
    expect(issues).toEqual([]);
    expect(parsed.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(parsed[0]?.fields).toMatchObject({ title: 'ศาลตัดสินจำคุกผู้ค้ามนุษย์', recommendationKeys: ['A.2', 'A.6'], credibility: 2 });
    expect(parsed[1]?.fields.summary).toBe('Police raided the compound; "victims" were screened.');
    expect(parsed[0]?.externalId).toBe('ext-1');
    expect(parsed[1]?.externalId).toBeNull();
  });

  it('reports every invalid cell by line and column', () => {
    const bad = rows[1]?.replace(',C,3,', ',G,9,').replace('https://example.org/2', 'javascript:alert(1)') ?? '';
    const { issues } = parseEvidenceCsv(file(rows[0] ?? '', bad, rows[2]?.replace(',A.7,', ',,') ?? ''));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, column: 'reliability' }),
        expect.objectContaining({ line: 3, column: 'credibility' }),
        expect.objectContaining({ line: 3, column: 'sourceUrl' }),
        expect.objectContaining({ line: 4, column: 'recommendationKeys', message: 'Link at least one recommendation.' }),
      ]),
    );
  });

  it('refuses wrong or missing columns, bad encodings and oversized cells with a clear message', () => {
    expect(() => parseEvidenceCsv(Buffer.from('iso3,title,colour\nKHM,x,red'))).toThrow(/Missing columns: recommendationKeys.*Unknown columns: colour/);
    expect(() => parseEvidenceCsv(Buffer.concat([Buffer.from(`${header}\n`), Buffer.from([0xe9, 0x2c, 0xff])]))).toThrow(/not UTF-8/);
    expect(() => parseEvidenceCsv(Buffer.from(header))).toThrow(/no rows/);
    expect(() => parseEvidenceCsv(Buffer.from(`${header}\n"unterminated`))).toThrow(/not valid CSV/);
    const { issues } = parseEvidenceCsv(file(rows[0]?.replace('สรุปคำพิพากษา', 'x'.repeat(25_000)) ?? ''));
    expect(issues[0]).toMatchObject({ line: 2, column: 'summary', message: expect.stringMatching(/at most 20000/) });
  });

  it('refuses a file over the size limit before reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-import-'));
    try {
      const big = join(dir, 'big.csv');
      writeFileSync(big, '');
      truncateSync(big, MAX_IMPORT_FILE_BYTES + 1);
      await expect(importCommand(readEnv({ TRACKER_DATA_DIR: join(dir, 'data'), TRACKER_KEY_FILE: join(dir, 'tracker-key') }), big, 'someone@example.org')).rejects.toThrow(/at most 256 MB/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeEachDb('importing evidence', (suite) => {
  let monitor: TestUser;
  const evidenceCount = async () => (await suite.db.select({ n: count() }).from(t.evidence))[0]?.n ?? 0;

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
  });

  it('finds references the catalogue does not have', async () => {
    const { rows: parsed } = parseEvidenceCsv(file(rows[0]?.replace('THA,A.2|A.6', 'XXX,A.2|Z.9') ?? ''));
    expect(await checkImportReferences(suite.db, parsed)).toEqual([
      { line: 2, column: 'iso3', message: 'XXX is not a State in the catalogue.' },
      { line: 2, column: 'recommendationKeys', message: 'unknown recommendation Z.9.' },
    ]);
  });

  it('imports every row, submitted for review and attributed to the account', async () => {
    const { rows: parsed } = parseEvidenceCsv(file(...rows));
    expect(await importEvidence(suite.db, monitor, parsed)).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const stored = await suite.db.select({ status: t.evidence.status, createdBy: t.evidence.createdBy, title: t.evidence.title }).from(t.evidence);
    expect(stored.every((e) => e.status === 'submitted' && e.createdBy === monitor.id)).toBe(true);
    expect(stored.map((e) => e.title)).toContain('ศาลตัดสินจำคุกผู้ค้ามนุษย์');
  });

  it('creates no duplicates when the same file comes again, and updates rows that changed', async () => {
    const before = await evidenceCount();
    expect(await importEvidence(suite.db, monitor, parseEvidenceCsv(file(...rows)).rows)).toEqual({ created: 0, updated: 0, unchanged: 3 });
    const changed = rows[0]?.replace('สรุปคำพิพากษา', 'สรุปคำพิพากษาฉบับแก้ไข') ?? '';
    expect(await importEvidence(suite.db, monitor, parseEvidenceCsv(file(changed, rows[1] ?? '', rows[2] ?? '')).rows)).toEqual({ created: 0, updated: 1, unchanged: 2 });
    expect(await evidenceCount()).toBe(before);
    const [ext] = await suite.db.select({ revision: t.evidence.revision, summary: t.evidence.summary }).from(t.evidence).where(eq(t.evidence.externalId, 'ext-1'));
    expect(ext).toEqual({ revision: 2, summary: 'สรุปคำพิพากษาฉบับแก้ไข' });
  });

  it('is all or nothing: a failure part-way leaves nothing behind', async () => {
    const before = await evidenceCount();
    const good = parseEvidenceCsv(file(rows[0]?.replace('ext-1', 'ext-new') ?? '')).rows;
    const first = must(good[0], 'a parsed row');
    const broken = { ...first, line: 3, externalId: 'ext-broken', fields: { ...first.fields, iso3: 'XXX' } };
    await expect(importEvidence(suite.db, monitor, [...good, broken])).rejects.toThrow();
    expect(await evidenceCount()).toBe(before);
  });
});

describe('the import command', () => {
  it('names what is wrong and imports nothing, or reports what it did', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-import-'));
    try {
      const env = readEnv({ TRACKER_DATA_DIR: join(dir, 'data'), TRACKER_KEY_FILE: join(dir, 'tracker-key') });
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, file(rows[0]?.replace(',B,2,', ',B,7,') ?? ''));
      await expect(importCommand(env, bad, 'x@example.org')).rejects.toThrow(AppError);
      await expect(importCommand(env, bad, 'x@example.org')).rejects.toThrow(/line 2, column credibility/);
      const good = join(dir, 'good.csv');
      writeFileSync(good, file(...rows));
      await seedCommand(env, { demo: false });
      await expect(importCommand(env, good, 'nobody@example.org')).rejects.toThrow(/not an active monitor/);
      await createUserCommand(env, { email: 'importer@example.org', role: 'monitor', passwordStdin: false });
      expect(await importCommand(env, good, 'importer@example.org')).toMatch(/^Imported 3 rows in [\d.]+ s \(\d+ rows\/s\): 3 created, 0 updated, 0 unchanged/);
      expect(await importCommand(env, good, 'importer@example.org')).toMatch(/0 created, 0 updated, 3 unchanged/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
