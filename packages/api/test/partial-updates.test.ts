import { listSites, seedCatalogue } from '@tracker/db';
import { createUser, describeEachDb, evidenceFields, type TestUser } from '@tracker/db/testing';
import { evidenceUpdateInput, userUpdateInput, visibilities } from '@tracker/domain';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { callerAs } from './support';

const text = (min: number, max: number) => fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]*[A-Za-z0-9]$/).filter((s) => s.length >= min && s.length <= max);

/**
 * Every update procedure changes only the fields it is sent: for every field of every update
 * input, an update naming that field alone leaves every other field as it was.
 */
describeEachDb('updates keep what they do not mention', (suite) => {
  let monitor: TestUser;
  let admin: TestUser;
  let siteIds: string[] = [];
  const as = (user: TestUser | null) => callerAs(suite.db, user);

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
    admin = await createUser(suite.db, 'admin');
    siteIds = (await listSites(suite.db, { iso3: 'KHM' })).map((s) => s.id);
  });

  const evidenceValues: Record<string, fc.Arbitrary<unknown>> = {
    iso3: fc.constantFrom('KHM', 'THA', 'MMR'),
    recommendationKeys: fc.subarray(['A.1', 'A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7'], { minLength: 1 }),
    siteIds: fc.constant(null).chain(() => fc.subarray(siteIds)),
    title: text(3, 60),
    summary: text(1, 200),
    kind: fc.constantFrom('law_regulation', 'media_report', 'testimony'),
    direction: fc.constantFrom('progress', 'setback', 'context'),
    sourceUrl: fc.constantFrom('https://example.org/a', 'https://example.org/b', null),
    publisher: fc.option(text(1, 40)),
    publishedOn: fc.constantFrom('2024-01-31', '2025-06-15', null),
    language: fc.constantFrom('en', 'th', 'km'),
    reliability: fc.constantFrom('A', 'B', 'F'),
    credibility: fc.integer({ min: 1, max: 6 }),
    visibility: fc.constantFrom(...visibilities),
    containsPersonalData: fc.boolean(),
  };

  it('covers every field of the evidence and account update inputs', () => {
    const evidenceFieldsSent = Object.keys(evidenceUpdateInput.in.shape).filter((k) => k !== 'id' && k !== 'revision');
    expect(evidenceFieldsSent.sort()).toEqual(Object.keys(evidenceValues).sort());
    expect(Object.keys(userUpdateInput.shape).sort()).toEqual(['active', 'displayName', 'id', 'role', 'states', 'updatedAt']);
  });

  it('evidence.update changes only the field it is sent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(evidenceValues)).chain((field) => fc.tuple(fc.constant(field), evidenceValues[field] as fc.Arbitrary<unknown>)), async ([field, value]) => {
        const draft = await as(monitor).evidence.create(
          evidenceFields({ kind: 'testimony', containsPersonalData: true, visibility: 'confidential', siteIds: siteIds.slice(0, 2), recommendationKeys: ['A.2', 'A.5'], publisher: 'A publisher' }),
        );
        const shape = (e: typeof draft) => ({
          iso3: e.iso3,
          recommendationKeys: [...e.recommendationKeys].sort(),
          siteIds: e.sites.map((s) => s.id).sort(),
          title: e.title,
          summary: e.summary,
          kind: e.kind,
          direction: e.direction,
          sourceUrl: e.sourceUrl,
          publisher: e.publisher,
          publishedOn: e.publishedOn,
          language: e.language,
          reliability: e.reliability,
          credibility: e.credibility,
          visibility: e.visibility,
          containsPersonalData: e.containsPersonalData,
        });
        const before = shape(draft);
        let after: ReturnType<typeof shape>;
        try {
          after = shape(await as(monitor).evidence.update({ id: draft.id, revision: draft.revision ?? 1, [field]: value }));
        } catch {
          // Refused (a site outside a new State, public with personal data): nothing may have changed.
          after = shape(await as(monitor).evidence.get({ id: draft.id }));
          expect(after).toEqual(before);
          return;
        }
        // Personal data keeps an item confidential: the one field another field may move.
        const moved = field === 'containsPersonalData' && value === true ? ['containsPersonalData', 'visibility'] : [field];
        for (const key of Object.keys(before) as (keyof typeof before)[]) {
          if (!moved.includes(key)) expect(after[key], `${key} after sending only ${field}`).toEqual(before[key]);
        }
      }),
      { numRuns: 40, seed: 20261201 },
    );
  });

  it('users.update changes only the field it is sent', async () => {
    const values: Record<string, fc.Arbitrary<unknown>> = {
      displayName: text(1, 40),
      role: fc.constantFrom('monitor', 'reviewer', 'policymaker'),
      active: fc.boolean(),
      states: fc.subarray(['KHM', 'THA', 'MMR', 'LAO']),
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(values)).chain((field) => fc.tuple(fc.constant(field), values[field] as fc.Arbitrary<unknown>)), async ([field, value]) => {
        const target = await as(admin).users.create({ email: `u${Date.now()}${Math.random().toString(36).slice(2)}@example.org`, displayName: 'Someone', role: 'monitor', states: ['KHM'] });
        const shape = (u: { displayName: string; role: string; active: boolean; states: string[] }) => ({ displayName: u.displayName, role: u.role, active: u.active, states: [...u.states].sort() });
        const before = shape(target);
        const after = shape(await as(admin).users.update({ id: target.id, [field]: value }));
        for (const key of Object.keys(before) as (keyof typeof before)[]) {
          if (key !== field) expect(after[key], `${key} after sending only ${field}`).toEqual(before[key]);
        }
      }),
      { numRuns: 20, seed: 20261201 },
    );
  });
});
