import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isoNumeric } from '../src/components/charts/iso-numeric';
import { languages } from '../src/languages';
import places from '../src/places.json';

const read = (tag: string) => JSON.parse(readFileSync(new URL(`../src/locales/${tag}.json`, import.meta.url), 'utf8')) as { place: Record<string, string>; region: Record<string, string> };

describe('State and region names', () => {
  it('cover every State the catalogue names (the map draws each) and every UN M49 sub-region', () => {
    expect(Object.keys(places.states).sort()).toEqual(Object.keys(isoNumeric).sort());
    for (const language of languages) {
      expect(Object.keys(read(language.tag).place).sort(), language.tag).toEqual(Object.keys(places.states).sort());
      expect(Object.keys(read(language.tag).region).sort(), language.tag).toEqual(Object.values(places.regions).sort());
    }
  });

  it('are CLDR’s in every language but English, which keeps the UN names (npm run places -w apps/web writes them)', () => {
    for (const language of languages.filter((l) => l.tag !== 'en')) {
      const names = new Intl.DisplayNames([language.tag], { type: 'region' });
      const messages = read(language.tag);
      for (const [iso3, alpha2] of Object.entries(places.states)) expect(messages.place[iso3], `${language.tag} ${iso3}`).toBe(names.of(alpha2));
      for (const code of Object.values(places.regions)) expect(messages.region[code], `${language.tag} ${code}`).toBe(names.of(code));
    }
    expect(read('en').place['LAO']).toBe("Lao People's Democratic Republic");
    expect(read('km').place['KHM']).toBe('កម្ពុជា');
    expect(read('my').region['035']).toMatch(/[\u1000-\u109F]/);
  });
});
