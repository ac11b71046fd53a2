/**
 * The interface languages. Each has a BCP 47 tag (for `lang`, i18next and Intl), the segment that
 * starts every URL in that language (`/th/states/KHM`), its own name, and the font it needs.
 */
export const languages = [
  { tag: 'en', segment: 'en', name: 'English' },
  { tag: 'th', segment: 'th', name: 'ไทย', script: 'thai' },
  { tag: 'vi', segment: 'vi', name: 'Tiếng Việt' },
  { tag: 'id', segment: 'id', name: 'Bahasa Indonesia' },
  { tag: 'ms', segment: 'ms', name: 'Bahasa Melayu' },
  { tag: 'fil', segment: 'fil', name: 'Filipino' },
  { tag: 'km', segment: 'km', name: 'ខ្មែរ', script: 'khmer' },
  { tag: 'my', segment: 'my', name: 'မြန်မာ', script: 'myanmar' },
  { tag: 'lo', segment: 'lo', name: 'ລາວ', script: 'lao' },
  { tag: 'zh-Hans', segment: 'zh-hans', name: '简体中文', script: 'han' },
] as const;

export type Language = (typeof languages)[number];
export type LanguageTag = Language['tag'];

const STORAGE_KEY = 'tracker.language';

export const languageBySegment = (segment: string | undefined) => languages.find((l) => l.segment === segment?.toLowerCase());

/** The best supported language for a list of browser preferences (`navigator.languages`). */
export function negotiate(preferences: readonly string[]): Language {
  for (const preference of preferences) {
    const wanted = preference.toLowerCase();
    const exact = languages.find((l) => l.tag.toLowerCase() === wanted);
    if (exact) return exact;
    const base = wanted.split('-')[0];
    // Chinese in Traditional script is not offered; Simplified is the nearest, except for zh-Hant readers.
    if (base === 'zh' && /hant|tw|hk|mo/.test(wanted)) continue;
    const byBase = languages.find((l) => l.tag.toLowerCase().split('-')[0] === (base === 'tl' ? 'fil' : base));
    if (byBase) return byBase;
  }
  return languages[0];
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language.tag);
  } catch {
    // Private browsing: the URL still carries the language.
  }
}

function rememberedLanguage(): Language | undefined {
  try {
    const tag = localStorage.getItem(STORAGE_KEY);
    return languages.find((l) => l.tag === tag);
  } catch {
    return undefined;
  }
}

/**
 * The language of this page load. A URL that starts with a language segment decides; otherwise the
 * remembered choice or the browser's preferences do, and the URL is rewritten to carry it, so any
 * link copied from the address bar opens in the same language.
 */
export function languageOfLocation(location: Location, history: History): Language {
  const [, first, ...rest] = location.pathname.split('/');
  const fromUrl = languageBySegment(first);
  if (fromUrl) {
    rememberLanguage(fromUrl);
    return fromUrl;
  }
  const chosen = rememberedLanguage() ?? negotiate(navigator.languages ?? [navigator.language]);
  const path = [first, ...rest].filter((s) => s !== undefined).join('/');
  history.replaceState(history.state, '', `/${chosen.segment}/${path}${location.search}${location.hash}`);
  return chosen;
}

/** The address of the current page in another language (a full load: fonts and texts change). */
export function addressIn(language: Language, location: Location): string {
  const [, , ...rest] = location.pathname.split('/');
  return `/${language.segment}/${rest.join('/')}${location.search}${location.hash}`;
}

/** Loads the self-hosted font a script needs, only for the language in use. */
export function loadFont(language: Language): Promise<unknown> {
  switch ('script' in language ? language.script : undefined) {
    case 'thai':
      return Promise.all([import('@fontsource/noto-sans-thai/400.css'), import('@fontsource/noto-sans-thai/700.css')]);
    case 'khmer':
      return Promise.all([import('@fontsource/noto-sans-khmer/400.css'), import('@fontsource/noto-sans-khmer/700.css')]);
    case 'myanmar':
      return Promise.all([import('@fontsource/noto-sans-myanmar/400.css'), import('@fontsource/noto-sans-myanmar/700.css')]);
    case 'lao':
      return Promise.all([import('@fontsource/noto-sans-lao/400.css'), import('@fontsource/noto-sans-lao/700.css')]);
    case 'han':
      return Promise.all([import('@fontsource/noto-sans-sc/400.css'), import('@fontsource/noto-sans-sc/700.css')]);
    default:
      return Promise.resolve();
  }
}
