import { interfaceLanguages, type InterfaceLanguage } from '@tracker/domain';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Messages = { [key: string]: string | Messages };

/** The segment that starts every page address in a language (`/zh-hans/…`). */
export const segmentOf = (language: InterfaceLanguage) => language.toLowerCase();
export const languageOfSegment = (segment: string | undefined): InterfaceLanguage | undefined =>
  interfaceLanguages.find((l) => segmentOf(l) === segment?.toLowerCase());

/**
 * The dashboard's own texts, read from the web's locale files (the one place they are written), for
 * what the server says of a page before the dashboard runs: its title and description.
 */
export function pageTexts() {
  const dir = join(dirname(createRequire(import.meta.url).resolve('@tracker/web/package.json')), 'src', 'locales');
  const messages = new Map(interfaceLanguages.map((l) => [l, JSON.parse(readFileSync(join(dir, `${l}.json`), 'utf8')) as Messages]));
  const lookup = (language: InterfaceLanguage, key: string): string | undefined => {
    let node: string | Messages | undefined = messages.get(language);
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    return typeof node === 'string' ? node : undefined;
  };
  /** One text with its `{{placeholders}}` filled in; English when the language lacks it. */
  const text = (language: InterfaceLanguage, key: string, values: Record<string, string> = {}): string =>
    (lookup(language, key) ?? lookup('en', key) ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? '');
  /** The text as the language has it, or undefined (no English stand-in). */
  return Object.assign(text, { own: lookup });
}

export type PageTexts = ReturnType<typeof pageTexts>;
