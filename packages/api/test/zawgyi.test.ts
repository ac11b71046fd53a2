import { seedCatalogue } from '@tracker/db';
import { createUser, describeEachDb, evidenceFields, type TestUser } from '@tracker/db/testing';
import { uni2zg } from 'rabbit-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEvidenceCsv } from '../src';
import { zawgyiToUnicode } from '../src/zawgyi';
import { callerAs } from './support';

const UNICODE = 'မြန်မာနိုင်ငံ၏ တရားရုံးသည် လူကုန်ကူးမှုအမှုတွင် အမိန့်ချမှတ်ခဲ့သည်';
const ZAWGYI = uni2zg(UNICODE);

describe('Zawgyi detection', () => {
  it('converts Burmese typed in Zawgyi to Unicode and leaves everything else alone', () => {
    expect(ZAWGYI).not.toBe(UNICODE);
    expect(zawgyiToUnicode(ZAWGYI)).toBe(UNICODE);
    for (const text of [UNICODE, 'ศาลตัดสินจำคุกผู้ค้ามนุษย์', 'តុលាការបានកាត់ទោស', 'Tòa án đã tuyên án', 'Plain English', '']) {
      expect(zawgyiToUnicode(text)).toBe(text);
    }
  });

  it('converts Zawgyi cells of an imported CSV', () => {
    const csv = `iso3,recommendationKeys,title,summary,kind,direction,language,reliability,credibility,visibility\nMMR,A.2,${ZAWGYI},${ZAWGYI} summary,media_report,progress,my,B,2,public\n`;
    const { rows, issues } = parseEvidenceCsv(Buffer.from(csv));
    expect(issues).toEqual([]);
    expect(rows[0]?.fields.title).toBe(UNICODE);
  });
});

describeEachDb('evidence written in Zawgyi', (suite) => {
  let monitor: TestUser;
  beforeAll(async () => {
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
  });

  it('is stored as Unicode, so a Unicode search finds it', async () => {
    const created = await callerAs(suite.db, monitor).evidence.create(evidenceFields({ iso3: 'MMR', title: ZAWGYI, summary: `${ZAWGYI} — summary`, language: 'my' }));
    expect(created.title).toBe(UNICODE);
    const found = await callerAs(suite.db, monitor).evidence.list({ q: 'လူကုန်ကူးမှု', mine: true });
    expect(found.items.map((e) => e.id)).toContain(created.id);
  });
});
