import { translatedLanguages } from '@tracker/domain';
import { pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { oneOf, tstz } from './columns';
import { users } from './users';

/**
 * Catalogue texts in the interface languages, entered by administrators: a State's name, a group's
 * title, a recommendation's title or paraphrase. What is not here shows in English, marked as such.
 */
export const catalogueTranslations = pgTable(
  'catalogue_translations',
  {
    entity: text('entity', { enum: ['state', 'group', 'recommendation'] }).notNull(),
    key: text('key').notNull(),
    field: text('field', { enum: ['name', 'title', 'paraphrase'] }).notNull(),
    language: text('language', { enum: translatedLanguages }).notNull(),
    text: text('text').notNull(),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.key, t.field, t.language] }),
    oneOf('catalogue_translations_language_known', t.language, translatedLanguages),
    oneOf('catalogue_translations_entity_known', t.entity, ['state', 'group', 'recommendation']),
  ],
);
