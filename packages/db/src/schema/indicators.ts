import { observationQualifiers } from '@tracker/domain';
import { char, date, index, numeric, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, oneOf } from './columns';
import { states } from './states';

/** A quantitative series tracked per State (people held, licensed casinos, ...). */
export const indicators = pgTable('indicators', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  unit: text('unit').notNull(),
  description: text('description').notNull(),
  createdAt: createdAt(),
});

export const observations = pgTable(
  'observations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    iso3: char('iso3', { length: 3 })
      .notNull()
      .references(() => states.iso3, { onDelete: 'restrict' }),
    /** The date (or period start) the figure describes. */
    observedOn: date('observed_on', { mode: 'string' }).notNull(),
    /** Exact decimal, returned as a string so no precision is lost on the way out. */
    value: numeric('value').notNull(),
    qualifier: text('qualifier', { enum: observationQualifiers }).notNull().default('exact'),
    citation: text('citation').notNull(),
    sourceUrl: text('source_url'),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf('observations_qualifier_known', t.qualifier, observationQualifiers),
    unique('observations_once').on(t.indicatorId, t.iso3, t.observedOn),
    index('observations_state_idx').on(t.iso3, t.indicatorId, t.observedOn),
  ],
);
