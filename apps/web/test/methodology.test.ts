import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { languages } from '../src/languages';

const read = (path: string) => readFileSync(new URL(`../../../docs/${path}`, import.meta.url), 'utf8');
const english = read('methodology.md');
/** The document's shape: its headings by level, its table rows, and the figures the rules rest on. */
const shape = (markdown: string) => ({
  headings: [...markdown.matchAll(/^(#+) /gm)].map((m) => m[1]?.length),
  tableRows: markdown.split('\n').filter((line) => line.startsWith('|')).length,
  bullets: markdown.split('\n').filter((line) => line.startsWith('- ')).length,
  version: markdown.includes('1.0.0') && markdown.includes('`methodologyVersion`'),
  figures: ['180', '25', '50', '75', '100', 'A2', 'B2'].filter((figure) => markdown.includes(figure)),
});

describe('the methodology in every interface language', () => {
  for (const language of languages.filter((l) => l.tag !== 'en')) {
    it(`${language.tag}: a translation with the same sections, table, rules and figures as the English text`, () => {
      const translation = read(`methodology/${language.tag}.md`);
      expect(shape(translation)).toEqual(shape(english));
      // Translated, not copied: none of the English section titles is left.
      for (const heading of english.matchAll(/^#+ (.+)$/gm)) expect(translation).not.toContain(heading[1]);
    });
  }
});
