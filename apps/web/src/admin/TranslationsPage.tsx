import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fieldLimits } from '@tracker/domain';
import { translatedLanguages, type TranslatableEntity } from '@tracker/domain/vocabulary';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { languages } from '../languages';
import { RouteGuard } from '../components/RouteGuard';
import { useTRPC } from '../trpc';
import { useErrorText } from '../error-text';

type Language = (typeof translatedLanguages)[number];
type Field = 'name' | 'title' | 'paraphrase';
interface Entry {
  entity: TranslatableEntity;
  id: string;
  field: Field;
  label: string;
  english: string;
}

/** Administrators translate the catalogue (State names, group and recommendation texts) per language. */
export function TranslationsPage() {
  const { t } = useTranslation();
  return (
    <RouteGuard needs="catalogue.setTranslation" denied={t('admin.onlyAdmins')}>
      {() => <Translations />}
    </RouteGuard>
  );
}

function Translations() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const selectId = useId();
  const initial = (translatedLanguages as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'th';
  const [language, setLanguage] = useState<Language>(initial);
  const states = useQuery(trpc.states.list.queryOptions());
  const recommendations = useQuery(trpc.catalogue.recommendations.queryOptions());
  const translations = useQuery(trpc.catalogue.translations.queryOptions({ language }));

  const entries: Entry[] = [
    ...(states.data ?? []).map((s) => ({ entity: 'state' as const, id: s.iso3, field: 'name' as const, label: s.iso3, english: s.name })),
    ...[...new Map((recommendations.data ?? []).map((r) => [r.groupKey, r.groupTitle])).entries()].map(([key, title]) => ({
      entity: 'group' as const,
      id: key,
      field: 'title' as const,
      label: t('recommendation.group', { key, title: '' }),
      english: title,
    })),
    ...(recommendations.data ?? []).flatMap((r) => [
      { entity: 'recommendation' as const, id: r.key, field: 'title' as const, label: `${r.key} · ${t('form.title')}`, english: r.title },
      { entity: 'recommendation' as const, id: r.key, field: 'paraphrase' as const, label: `${r.key}`, english: r.paraphrase },
    ]),
  ];
  const current = new Map((translations.data ?? []).map((r) => [`${r.entity}|${r.key}|${r.field}`, r.text]));

  return (
    <>
      <p>
        <Link to="/admin">{t('admin.title')}</Link>
      </p>
      <h1>{t('translations.title')}</h1>
      <p className="lead">{t('translations.intro')}</p>
      <div className="field">
        <label htmlFor={selectId}>{t('translations.language')}</label>
        <select id={selectId} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          {languages
            .filter((l) => l.tag !== 'en')
            .map((l) => (
              <option key={l.tag} value={l.tag} lang={l.tag}>
                {l.name}
              </option>
            ))}
        </select>
      </div>
      <Loadable query={translations} skeleton={<SkeletonRows rows={8} />}>
        {() => (
          <div className="card-list translations">
            {entries.map((e) => (
              <TranslationRow key={`${language}|${e.entity}|${e.id}|${e.field}`} entry={e} language={language} saved={current.get(`${e.entity}|${e.id}|${e.field}`) ?? ''} />
            ))}
          </div>
        )}
      </Loadable>
    </>
  );
}

function TranslationRow({ entry, language, saved }: { entry: Entry; language: Language; saved: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [value, setValue] = useState(saved);
  const [message, setMessage] = useState<string | null>(null);
  const save = useMutation(trpc.catalogue.setTranslation.mutationOptions());
  const errorText = useErrorText();
  const long = entry.field === 'paraphrase';
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        setMessage(null);
        save.mutate(
          { language, entity: entry.entity, key: entry.id, field: entry.field, text: value },
          {
            onSuccess: () => {
              setMessage(t('translations.saved'));
              void queryClient.invalidateQueries({ queryKey: trpc.catalogue.translations.queryKey() });
            },
            onError: (error) => setMessage(errorText(error)),
          },
        );
      }}
    >
      <p className="muted small">{entry.label}</p>
      <p lang="en">{entry.english}</p>
      <div className="field">
        <label htmlFor={id}>{t('translations.translation')}</label>
        {long ? (
          <textarea id={id} lang={language} rows={4} value={value} onChange={(e) => setValue(e.target.value)} maxLength={fieldLimits.translation} />
        ) : (
          <input id={id} lang={language} value={value} onChange={(e) => setValue(e.target.value)} maxLength={fieldLimits.translation} />
        )}
      </div>
      <button type="submit" className="small" disabled={save.isPending || value === saved}>
        {t('translations.save')}
      </button>{' '}
      {message ? (
        <span role="status" className="muted small">
          {message}
        </span>
      ) : null}
    </form>
  );
}
