import { seedCatalogue } from '@tracker/db';
import { describeEachDb } from '@tracker/db/testing';
import { TRPCError } from '@trpc/server';
import { beforeAll, expect, it } from 'vitest';
import { createCaller, createContextInner } from '../src';

describeEachDb('the public catalogue API', (suite) => {
  const anonymous = () => createCaller(createContextInner({ db: suite.db }));

  beforeAll(async () => {
    await seedCatalogue(suite.db);
  });

  it('lists the briefing paper as a framework with its citation, date, URL and licence', async () => {
    const [framework] = await anonymous().catalogue.frameworks();
    expect(framework).toMatchObject({ publishedOn: '2023-08-29', licence: 'CC BY 3.0 IGO' });
    expect(framework?.url).toMatch(/^https:\/\//);
    expect(framework?.citation).toMatch(/Online Scam Operations/);
  });

  it('lists the recommendations in the paper order, with their group', async () => {
    const recs = await anonymous().catalogue.recommendations();
    expect(recs.map((r) => r.key)).toEqual(['A.1', 'A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7']);
    expect(recs[4]).toMatchObject({ groupKey: 'A', addressees: ['destination', 'business'] });
  });

  it('finds one recommendation by key, whatever its case', async () => {
    const rec = await anonymous().catalogue.recommendation({ key: 'a.5' });
    expect(rec.title).toMatch(/special economic zones/i);
  });

  it('answers NOT_FOUND for a key that is not in the catalogue', async () => {
    await expect(anonymous().catalogue.recommendation({ key: 'Z.9' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Recommendation Z.9 was not found.',
    });
  });

  it('answers BAD_REQUEST for a malformed key, before touching the database', async () => {
    const error = await anonymous()
      .catalogue.recommendation({ key: '../etc' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });

  it('gives a State with its roles, the basis for each and a citation', async () => {
    const state = await anonymous().states.get({ iso3: 'tha' });
    expect(state.name).toBe('Thailand');
    expect(state.roles.map((r) => r.role)).toEqual(['origin', 'transit']);
    for (const r of state.roles) expect(r.citation).toMatch(/OHCHR/);
  });

  it('lists States with their roles and number of reported sites', async () => {
    const states = await anonymous().states.list();
    expect(states).toHaveLength(20);
    expect(states.find((s) => s.iso3 === 'KHM')?.siteCount).toBe(10);
    expect(states.find((s) => s.iso3 === 'BRA')?.siteCount).toBe(0);
  });

  it('answers NOT_FOUND for a State outside the catalogue', async () => {
    await expect(anonymous().states.get({ iso3: 'FRA' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('filters sites and indicator series by State', async () => {
    const sites = await anonymous().sites.list({ iso3: 'LAO' });
    expect(sites.map((s) => s.name)).toEqual(['Golden Triangle SEZ']);
    expect((await anonymous().sites.list()).length).toBe(17);
    const series = await anonymous().indicators.series({ iso3: 'KHM' });
    expect(series.map((s) => s.key).sort()).toEqual(['casinos', 'people_held_estimate']);
  });
});
