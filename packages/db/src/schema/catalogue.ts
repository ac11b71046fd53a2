import { addressees } from '@tracker/domain';
import { date, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { allOf, createdAt, nonEmpty } from './columns';

/** A source document that makes recommendations (the 2023 briefing paper, a UPR cycle, ...). */
export const frameworks = pgTable(
  'frameworks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    publisher: text('publisher').notNull(),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    url: text('url').notNull(),
    licence: text('licence').notNull(),
    citation: text('citation').notNull(),
    createdAt: createdAt(),
  },
  (t) => [nonEmpty('frameworks_title_not_blank', t.title)],
);

export const recommendationGroups = pgTable(
  'recommendation_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'restrict' }),
    key: text('key').notNull(),
    title: text('title').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [unique('recommendation_groups_framework_key').on(t.frameworkId, t.key)],
);

export const recommendations = pgTable(
  'recommendations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'restrict' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => recommendationGroups.id, { onDelete: 'restrict' }),
    /** Globally unique, so clients can name a recommendation by key alone (`A.1`). */
    key: text('key').notNull().unique(),
    title: text('title').notNull(),
    /** The project's own paraphrase, never the source's wording. */
    paraphrase: text('paraphrase').notNull(),
    addressees: text('addressees', { enum: addressees }).array().notNull(),
    sdgTargets: text('sdg_targets').array().notNull().default([]),
    /** Where in the source the recommendation is made (section, paragraph). */
    sourceLocator: text('source_locator').notNull(),
    position: integer('position').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    allOf('recommendations_addressees_known', t.addressees, addressees),
    nonEmpty('recommendations_title_not_blank', t.title),
    index('recommendations_group_idx').on(t.groupId, t.position),
  ],
);
