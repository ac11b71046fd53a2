import { readdirSync } from 'node:fs';
import { getTableConfig, PgDialect } from 'drizzle-orm/pg-core';
import { catalogueTranslations } from '@tracker/db/schema';
import { interfaceLanguages, translatedLanguages } from '@tracker/domain';
import { describe, expect, it } from 'vitest';
import { languages } from '../apps/web/src/languages';

/** The interface languages are written once (packages/domain); everything else must agree with them. */
describe('the interface languages', () => {
  it('are the same in the dashboard, the domain, the locale files and the database constraint', () => {
    expect(languages.map((l) => l.tag).sort()).toEqual([...interfaceLanguages].sort());
    const files = readdirSync(new URL('../apps/web/src/locales/', import.meta.url)).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...interfaceLanguages].sort());
    expect([...translatedLanguages].sort()).toEqual(interfaceLanguages.filter((l) => l !== 'en').sort());
    const check = getTableConfig(catalogueTranslations).checks.find((c) => c.name === 'catalogue_translations_language_known');
    const sql = check ? new PgDialect().sqlToQuery(check.value).sql : '';
    for (const language of translatedLanguages) expect(sql, language).toContain(`'${language}'`);
    expect(sql).not.toContain("'en'");
  });
});
