import { useQuery } from '@tanstack/react-query';
import { shippedTextKey, translatedLanguages, type TranslatableEntity } from '@tracker/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import places from './places.json';
import { useTRPC } from './trpc';

type Field = 'name' | 'title' | 'paraphrase';
type Translated = (typeof translatedLanguages)[number];
const isTranslated = (tag: string): tag is Translated => (translatedLanguages as readonly string[]).includes(tag);

/** The interface text at a key made at run time (the typed `t` knows only literal keys). */
export const textOfKey = (i18n: { t: unknown }, key: string): string => (i18n.t as (key: string) => string)(key);

/**
 * Catalogue texts (State names, group and recommendation titles, paraphrases) in the interface
 * language when an administrator has translated them; otherwise the English original, flagged so
 * the page can say so.
 */
export function useCatalogueText() {
  const { i18n } = useTranslation();
  const trpc = useTRPC();
  const language = i18n.language;
  const translations = useQuery({
    ...trpc.catalogue.translations.queryOptions({ language: isTranslated(language) ? language : 'th' }),
    enabled: isTranslated(language),
    staleTime: 5 * 60_000,
    select: (rows) => new Map(rows.map((r) => [`${r.entity}|${r.key}|${r.field}`, r.text])),
  });
  return (entity: TranslatableEntity, key: string, field: Field, english: string): { text: string; english: boolean } => {
    if (!isTranslated(language)) return { text: english, english: false };
    const text = translations.data?.get(`${entity}|${key}|${field}`);
    if (text) return { text, english: false };
    // Unless an administrator chose another text: a State's name from CLDR, and the tracker's own
    // translation of the recommendations and their group (not an official UN text; the footer says so).
    const shipped = shippedTextKey(entity, key, field);
    if (i18n.exists(shipped)) return { text: textOfKey(i18n, shipped), english: false };
    return { text: english, english: true };
  };
}

/** A framework's title: the tracker's own translation where it has one (not an official UN text). */
export function useFrameworkTitle() {
  const { i18n } = useTranslation();
  return (slug: string, english: string): string => {
    const key = `catalogueTranslation.framework.${slug}.title`;
    return i18n.language !== 'en' && i18n.exists(key) ? textOfKey(i18n, key) : english;
  };
}

/** A UN M49 region (as the catalogue names it in English) in the interface language. */
export function useRegionName() {
  const { i18n } = useTranslation();
  return (english: string): string => {
    const code = (places.regions as Record<string, string | undefined>)[english];
    return code && i18n.exists(`region.${code}`) ? textOfKey(i18n, `region.${code}`) : english;
  };
}

/** One catalogue text; in English when untranslated, with `lang="en"` and a short note saying so. */
export function CatalogueText({ entity, id, field, english }: { entity: TranslatableEntity; id: string; field: Field; english: string }) {
  const { t } = useTranslation();
  const text = useCatalogueText()(entity, id, field, english);
  if (!text.english) return <>{text.text}</>;
  return (
    <>
      <span lang="en">{text.text}</span>{' '}
      <abbr className="untranslated" title={t('catalogue.untranslatedHint')} aria-label={t('catalogue.untranslatedHint')}>
        EN
      </abbr>
    </>
  );
}

/** A State's name, in the interface language where translated, linking to its page. */
export function StateLink({ iso3, name }: { iso3: string; name: string }) {
  return (
    <Link to={`/states/${iso3}`}>
      <CatalogueText entity="state" id={iso3} field="name" english={name} />
    </Link>
  );
}
