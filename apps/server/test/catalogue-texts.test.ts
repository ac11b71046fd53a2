import { readFileSync } from 'node:fs';
import { openApiDocument } from '@tracker/api';
import { briefingPaper } from '@tracker/db';
import { interfaceLanguages, shippedTextKey } from '@tracker/domain';
import { describe, expect, it } from 'vitest';
import { pageTexts } from '../src/http/page-texts';
import { datasets } from '../src/open-data/datasets';

const texts = pageTexts();

describe('the catalogue texts the dashboard ships in every language', () => {
  it('are in English exactly as the catalogue has them, so the two never drift apart', () => {
    expect(texts.own('en', shippedTextKey('group', briefingPaper.group.key, 'title'))).toBe(briefingPaper.group.title);
    for (const r of briefingPaper.recommendations) {
      expect(texts.own('en', shippedTextKey('recommendation', r.key, 'title')), r.key).toBe(r.title);
      expect(texts.own('en', shippedTextKey('recommendation', r.key, 'paraphrase')), r.key).toBe(r.paraphrase);
    }
  });

  it('are translated, not copied, in every other language: a title and a paraphrase for each recommendation, and a note that they are not an official UN text', () => {
    for (const language of interfaceLanguages.filter((l) => l !== 'en')) {
      for (const r of briefingPaper.recommendations) {
        for (const field of ['title', 'paraphrase'] as const) {
          const text = texts.own(language, shippedTextKey('recommendation', r.key, field));
          expect(text, `${language} ${r.key} ${field}`).toBeTruthy();
          expect(text, `${language} ${r.key} ${field}`).not.toBe(r[field]);
        }
      }
      expect(texts.own(language, 'catalogue.trackerTranslation'), language).toBeTruthy();
    }
    // Written in each language's script.
    expect(texts.own('th', 'catalogueTranslation.recommendation.A_5.title')).toMatch(/[\u0E00-\u0E7F]/);
    expect(texts.own('km', 'catalogueTranslation.recommendation.A_5.title')).toMatch(/[\u1780-\u17FF]/);
    expect(texts.own('my', 'catalogueTranslation.recommendation.A_5.title')).toMatch(/[\u1000-\u109F]/);
    expect(texts.own('lo', 'catalogueTranslation.recommendation.A_5.title')).toMatch(/[\u0E80-\u0EFF]/);
  });
});

describe('the open-data descriptions the dashboard ships in every language', () => {
  it('are in English exactly as the data dictionary says them, for every dataset and column', () => {
    for (const [name, dataset] of Object.entries(datasets)) {
      expect(texts.own('en', `openData.datasetDescription.${name}`), name).toBe(dataset.description);
      for (const [column, meaning] of Object.entries(dataset.columns)) expect(texts.own('en', `openData.column.${name}.${column}`), `${name}.${column}`).toBe(meaning);
    }
  });

  it('are translated in every other language', () => {
    for (const language of interfaceLanguages.filter((l) => l !== 'en')) {
      for (const [name, dataset] of Object.entries(datasets)) {
        expect(texts.own(language, `openData.datasetDescription.${name}`), `${language} ${name}`).not.toBe(dataset.description);
        for (const column of Object.keys(dataset.columns)) expect(texts.own(language, `openData.column.${name}.${column}`), `${language} ${name}.${column}`).toBeTruthy();
      }
    }
  });
});

describe('the API reference the dashboard ships in every language', () => {
  /** Every text of the OpenAPI document a reader sees: tag names, summaries and descriptions. */
  function documentTexts(): Set<string> {
    const doc = openApiDocument('http://tracker.test') as { tags?: { name: string }[] };
    const found = new Set<string>((doc.tags ?? []).map((tag) => tag.name));
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if ((key === 'description' || key === 'summary') && typeof inner === 'string') found.add(inner);
          else walk(inner);
        }
      }
    };
    const { info, paths, components } = doc as { info: unknown; paths: unknown; components?: unknown };
    walk(info);
    walk(paths);
    walk(components);
    return found;
  }
  const dir = new URL('../../web/src/api-texts/', import.meta.url);

  it('translates every description of the OpenAPI document, and nothing the document no longer says', () => {
    const english = documentTexts();
    expect(english.size).toBeGreaterThan(50);
    for (const language of interfaceLanguages.filter((l) => l !== 'en')) {
      const translated = JSON.parse(readFileSync(new URL(`${language}.json`, dir), 'utf8')) as Record<string, string>;
      expect([...english].filter((text) => !translated[text]?.trim()), `${language}: untranslated`).toEqual([]);
      expect(Object.keys(translated).filter((text) => !english.has(text)), `${language}: no longer in the document`).toEqual([]);
    }
  });
});
