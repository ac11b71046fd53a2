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
