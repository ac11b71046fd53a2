// The package ships no types; the declaration travels with this file to every program that type-checks it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./knayi-myscript.d.ts" />
import knayi from 'knayi-myscript';

knayi.setGlobalOptions({ silent_mode: true });

const MYANMAR = /[\u1000-\u109F\uAA60-\uAA7F]/;

/**
 * Burmese typed in the legacy Zawgyi font encoding looks right only on Zawgyi phones and breaks
 * search, sorting and display everywhere else. Each string with Myanmar letters that reads as
 * Zawgyi is converted to Unicode (then NFC); everything else is returned unchanged.
 */
export function zawgyiToUnicode(text: string): string {
  if (!MYANMAR.test(text)) return text;
  if (knayi.fontDetect(text, 'unicode') !== 'zawgyi') return text;
  return knayi.fontConvert(text, 'unicode', 'zawgyi').normalize('NFC');
}

/** The same for every string in a plain input object (one level: evidence fields are flat). */
export function unicodeFields<T extends Record<string, unknown>>(input: T): T {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === 'string' ? zawgyiToUnicode(v) : v])) as T;
}
