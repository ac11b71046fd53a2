import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { languages, negotiate } from '../src/languages';

const dir = new URL('../src/locales/', import.meta.url);
const read = (file: string) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Record<string, unknown>;

/** Every key as a dotted path with its text. */
function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) for (const [path, text] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(path, text);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
/** Plural forms differ by language (Thai has one, English two): compare keys without the suffix. */
const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

const english = flatten(read('en.json'));

describe('translations', () => {
  it('exist for every interface language, and for nothing else', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
    expect(files).toEqual(languages.map((l) => l.tag).sort());
  });

  for (const language of languages.filter((l) => l.tag !== 'en')) {
    it(`${language.tag} has every key, no stray ones, and the same placeholders`, () => {
      const translated = flatten(read(`${language.tag}.json`));
      const want = new Set([...english.keys()].map(baseKey));
      const have = new Set([...translated.keys()].map(baseKey));
      expect([...want].filter((k) => !have.has(k)), 'missing keys').toEqual([]);
      expect([...have].filter((k) => !want.has(k)), 'keys English does not have').toEqual([]);
      for (const [key, text] of translated) {
        const source = english.get(key) ?? english.get(`${baseKey(key)}_other`) ?? english.get(baseKey(key)) ?? '';
        expect(placeholders(text), `${language.tag}: ${key}`).toEqual(placeholders(source));
        expect(text.trim(), `${language.tag}: ${key} is empty`).not.toBe('');
      }
    });
  }
});

describe('choosing a language', () => {
  it('follows the browser, by exact tag or base language, and falls back to English', () => {
    expect(negotiate(['th-TH', 'en']).tag).toBe('th');
    expect(negotiate(['km']).tag).toBe('km');
    expect(negotiate(['zh-CN']).tag).toBe('zh-Hans');
    expect(negotiate(['zh-TW', 'vi']).tag).toBe('vi');
    expect(negotiate(['tl-PH']).tag).toBe('fil');
    expect(negotiate(['de-DE', 'fr']).tag).toBe('en');
    expect(negotiate([]).tag).toBe('en');
  });
});
