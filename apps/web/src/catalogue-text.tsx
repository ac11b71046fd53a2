import { useQuery } from '@tanstack/react-query';
import { translatedLanguages, type TranslatableEntity } from '@tracker/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import places from './places.json';
import { useTRPC } from './trpc';

type Field = 'name' | 'title' | 'paraphrase';
type Translated = (typeof translatedLanguages)[number];
const isTranslated = (tag: string): tag is Translated => (translatedLanguages as readonly string[]).includes(tag);

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
    // A State's name in the reader's language, from CLDR, unless an administrator chose another.
    if (entity === 'state' && field === 'name' && i18n.exists(`place.${key}`)) return { text: i18n.t(`place.${key}` as 'app.name'), english: false };
    return { text: english, english: true };
  };
}

/** A UN M49 region (as the catalogue names it in English) in the interface language. */
export function useRegionName() {
  const { t, i18n } = useTranslation();
  return (english: string): string => {
    const code = (places.regions as Record<string, string | undefined>)[english];
    return code && i18n.exists(`region.${code}`) ? t(`region.${code}` as 'app.name') : english;
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
