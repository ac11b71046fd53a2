import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from './languages';
import en from './locales/en.json';

export const defaultNS = 'translation';
/** English is bundled and is the fallback for any key a translation lacks; the types come from it. */
export const resources = { en: { translation: en } } as const;

const translations = import.meta.glob<{ default: Record<string, unknown> }>(['./locales/*.json', '!./locales/en.json']);

/** Starts i18next in `language`, fetching its texts (only that language's) before the first render. */
export async function startI18n(language: Language): Promise<void> {
  const load = translations[`./locales/${language.tag}.json`];
  const own = load ? { [language.tag]: { translation: (await load()).default } } : {};
  await i18n.use(initReactI18next).init({
    lng: language.tag,
    fallbackLng: 'en',
    resources: { ...resources, ...own },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export default i18n;
