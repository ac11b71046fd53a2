import { seedCatalogue } from '@tracker/db';
import * as t from '@tracker/db/schema';
import { createUser, describeEachDb, type TestUser } from '@tracker/db/testing';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { callerAs, errorOf } from './support';

describeEachDb('catalogue translations', (suite) => {
  let admin: TestUser;
  let monitor: TestUser;
  beforeAll(async () => {
    await seedCatalogue(suite.db);
    admin = await createUser(suite.db, 'admin');
    monitor = await createUser(suite.db, 'monitor');
  });

  it('an administrator sets, changes and removes a translation; anyone reads it; each change is ledgered', async () => {
    const as = callerAs(suite.db, admin);
    await as.catalogue.setTranslation({ language: 'km', entity: 'state', key: 'KHM', field: 'name', text: 'កម្ពុជា' });
    await as.catalogue.setTranslation({ language: 'km', entity: 'recommendation', key: 'A.1', field: 'title', text: 'ដោះស្រាយមូលហេតុនៃភាពងាយរងគ្រោះ' });
    await as.catalogue.setTranslation({ language: 'km', entity: 'state', key: 'KHM', field: 'name', text: 'ព្រះរាជាណាចក្រកម្ពុជា' });
    await as.catalogue.setTranslation({ language: 'th', entity: 'state', key: 'KHM', field: 'name', text: 'กัมพูชา' });
    const khmer = await callerAs(suite.db, null).catalogue.translations({ language: 'km' });
    expect(khmer).toEqual([
      { entity: 'recommendation', key: 'A.1', field: 'title', text: 'ដោះស្រាយមូលហេតុនៃភាពងាយរងគ្រោះ' },
      { entity: 'state', key: 'KHM', field: 'name', text: 'ព្រះរាជាណាចក្រកម្ពុជា' },
    ]);
    await as.catalogue.setTranslation({ language: 'km', entity: 'recommendation', key: 'A.1', field: 'title', text: '' });
    expect(await callerAs(suite.db, null).catalogue.translations({ language: 'km' })).toHaveLength(1);
    expect(await callerAs(suite.db, null).catalogue.translations({ language: 'th' })).toHaveLength(1);
    const ledger = await suite.db.select().from(t.auditLedger).where(eq(t.auditLedger.entityType, 'catalogue_translation')).orderBy(t.auditLedger.seq);
    expect(ledger.map((e) => e.action)).toEqual([
      'catalogue.translation.set',
      'catalogue.translation.set',
      'catalogue.translation.set',
      'catalogue.translation.set',
      'catalogue.translation.remove',
    ]);
  });

  it('refuses other roles, unknown languages and fields an entry does not have', async () => {
    expect((await errorOf(callerAs(suite.db, monitor).catalogue.setTranslation({ language: 'th', entity: 'state', key: 'KHM', field: 'name', text: 'x' }))).code).toBe('FORBIDDEN');
    expect((await errorOf(callerAs(suite.db, null).catalogue.translations({ language: 'en' as never }))).code).toBe('BAD_REQUEST');
    const wrongField = await errorOf(callerAs(suite.db, admin).catalogue.setTranslation({ language: 'th', entity: 'state', key: 'KHM', field: 'paraphrase', text: 'x' }));
    expect(wrongField.code).toBe('BAD_REQUEST');
    expect(wrongField.message).toContain('field');
  });
});
