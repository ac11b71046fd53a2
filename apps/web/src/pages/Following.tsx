import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCatalogueText } from '../catalogue-text';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { useTRPC } from '../trpc';

/** The account page's list of what the person follows, each with a way to stop. */
export function Following() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const text = useCatalogueText();
  const follows = useQuery(trpc.follows.list.queryOptions());
  const remove = useMutation(trpc.follows.remove.mutationOptions({ onSuccess: (data) => queryClient.setQueryData(trpc.follows.list.queryKey(), data) }));
  const rows = (f: { states: string[]; recommendations: string[] }) => [
    ...f.states.map((iso3) => ({ id: `s-${iso3}`, name: text('state', iso3, 'name', t(`place.${iso3}`, { defaultValue: iso3 })).text, href: `/states/${iso3}`, target: { iso3 } })),
    ...f.recommendations.map((key) => ({ id: `r-${key}`, name: key, href: `/recommendations/${key}`, target: { recommendationKey: key } })),
  ];
  return (
    <section aria-labelledby="following-heading" id="following">
      <h2 id="following-heading">{t('follow.title')}</h2>
      <p className="muted">{t('follow.intro')}</p>
      <Loadable query={follows} skeleton={<SkeletonRows rows={2} />} isEmpty={(f) => rows(f).length === 0} empty={t('follow.none')}>
        {(f) => (
          <ul className="files">
            {rows(f).map((row) => (
              <li key={row.id}>
                <Link to={row.href}>{row.name}</Link>{' '}
                <button type="button" className="secondary small" disabled={remove.isPending} onClick={() => remove.mutate(row.target)}>
                  {t('follow.stopNamed', { name: row.name })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Loadable>
      <span role="status" className="muted small">
        {remove.isSuccess ? t('follow.removed') : ''}
      </span>
    </section>
  );
}
