import { seedCatalogue } from '@tracker/db';
import * as t from '@tracker/db/schema';
import { createUser, describeEachDb, type TestUser } from '@tracker/db/testing';
import { count } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeError } from '../src';
import { callerAs, errorOf } from './support';

const header = 'iso3,recommendationKeys,title,summary,kind,direction,language,reliability,credibility,visibility';
const good = `${header}\nKHM,A.5,Raid on a compound in Sihanoukville,Police raided the compound.,enforcement_action,progress,en,B,2,public\nTHA,A.2|A.6,ศาลตัดสินจำคุก,สรุป,court_decision,progress,th,A,1,public`;

describeEachDb('importing evidence from the admin page', (suite) => {
  let admin: TestUser;
  const as = (user: TestUser | null) => callerAs(suite.db, user);
  const evidenceCount = async () => (await suite.db.select({ n: count() }).from(t.evidence))[0]?.n ?? 0;

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    admin = await createUser(suite.db, 'admin');
  });

  it('imports a valid file, attributed to the admin and awaiting someone else’s review', async () => {
    const result = await as(admin).evidence.import({ csv: good });
    expect(result).toEqual({ ok: true, rows: 2, report: { created: 2, updated: 0, unchanged: 0 } });
    const again = await as(admin).evidence.import({ csv: good });
    expect(again).toMatchObject({ ok: true, report: { created: 0, unchanged: 2 } });
    const submitted = await as(admin).evidence.list({ status: 'submitted', mine: true });
    expect(submitted.items).toHaveLength(2);
  });

  it('reports every problem by line and column and imports nothing', async () => {
    const before = await evidenceCount();
    const bad = `${header}\nXXX,A.5,Ok title,Summary.,enforcement_action,progress,en,B,2,public\nKHM,A.5,Ok title 2,Summary.,rumour,progress,en,B,9,public`;
    const refused = describeError(await errorOf(as(admin).evidence.import({ csv: bad })));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', status: 400, message: expect.stringMatching(/Nothing was imported: 3 problem/) });
    // One error model: each problem is a field issue whose path is LINE.COLUMN.
    expect(refused.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['2.iso3', '3.kind', '3.credibility']));
    expect(await evidenceCount()).toBe(before);
    const wrongHeader = await errorOf(as(admin).evidence.import({ csv: 'colour\nred' }));
    expect(wrongHeader).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/Unknown columns: colour/) });
  });
});
