import { useQuery } from '@tanstack/react-query';
import { fieldLimits } from '@tracker/domain';
// The vocabulary alone, without the validation library the form pages load.
import { directions, evidenceKinds, evidenceSorts, type EvidenceFacetName } from '@tracker/domain/vocabulary';
import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EvidenceList } from '../components/EvidenceList';
import { useTRPC } from '../trpc';
import { formText } from '../form-data';
import { useCatalogueText } from '../catalogue-text';
import { useFormat } from '../format';

const filterKeys = ['q', 'iso3', 'recommendationKey', 'kind', 'direction', 'publishedFrom', 'publishedTo'] as const;
const isSort = (value: string | null): value is (typeof evidenceSorts)[number] => (evidenceSorts as readonly (string | null)[]).includes(value);

/** Filters live in the address, so a search can be bookmarked and shared. */
export function EvidenceExplorerPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const text = useCatalogueText();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const states = useQuery(trpc.states.list.queryOptions());
  const recommendations = useQuery(trpc.catalogue.recommendations.queryOptions());
  const format = useFormat();
  const filter = Object.fromEntries(filterKeys.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : [])));
  const requested = params.get('sort');
  const sort = isSort(requested) ? requested : 'newest';
  const listed = sort === 'newest' ? filter : { ...filter, sort };
  // How many items the filters find, and beside each choice how many it would find.
  const facets = useQuery(trpc.evidence.facets.queryOptions(filter, { placeholderData: (previous) => previous }));
  const counted = (facet: EvidenceFacetName, value: string) => {
    if (!facets.data) return '';
    const count = facets.data[facet].find((f) => f.value === value)?.count ?? 0;
    return ` (${format.number(count)})`;
  };

  function sortBy(next: string) {
    const address = new URLSearchParams(params);
    if (next === 'newest') address.delete('sort');
    else address.set('sort', next);
    setParams(address);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const k of filterKeys) {
      const v = formText(form, k).trim();
      if (v) next.set(k, v);
    }
    if (sort !== 'newest') next.set('sort', sort);
    setParams(next);
  }

  const select = (name: EvidenceFacetName, label: string, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <select id={`${id}-${name}`} name={name} defaultValue={params.get(name) ?? ''}>
        <option value="">{t('explorer.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {`${o.label}${counted(name, o.value)}`}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <h1>{t('explorer.title')}</h1>
      <p className="lead">{t('explorer.intro')}</p>
      <form className="filters" role="search" onSubmit={submit} key={`${params.toString()}|${states.isSuccess}|${recommendations.isSuccess}`}>
        <div className="field field-wide">
          <label htmlFor={`${id}-q`}>{t('explorer.search')}</label>
          <input id={`${id}-q`} name="q" type="search" defaultValue={params.get('q') ?? ''} maxLength={fieldLimits.search} />
        </div>
        {select('iso3', t('state.name'), (states.data ?? []).map((s) => ({ value: s.iso3, label: text('state', s.iso3, 'name', s.name).text })))}
        {select('recommendationKey', t('overview.recommendation'), (recommendations.data ?? []).map((r) => ({ value: r.key, label: `${r.key} ${text('recommendation', r.key, 'title', r.title).text}` })))}
        {select('kind', t('explorer.kind'), evidenceKinds.map((k) => ({ value: k, label: t(`kind.${k}`) })))}
        {select('direction', t('explorer.direction'), directions.map((d) => ({ value: d, label: t(`direction.${d}`) })))}
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('explorer.from')}</label>
          <input id={`${id}-from`} name="publishedFrom" type="date" defaultValue={params.get('publishedFrom') ?? ''} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('explorer.to')}</label>
          <input id={`${id}-to`} name="publishedTo" type="date" defaultValue={params.get('publishedTo') ?? ''} />
        </div>
        <div className="filter-actions">
          <button type="submit">{t('explorer.apply')}</button>
          {params.toString() ? (
            <button type="button" className="secondary" onClick={() => setParams(new URLSearchParams())}>
              {t('explorer.clear')}
            </button>
          ) : null}
        </div>
      </form>
      <DownloadResults filter={listed} />
      <section aria-label={t('explorer.results')}>
        <div className="results-bar">
          <p className="result-count" role="status">
            {facets.data ? t('explorer.resultCount', { count: facets.data.total, total: format.number(facets.data.total) }) : null}
          </p>
          <div className="field field-inline">
            <label htmlFor={`${id}-sort`}>{t('explorer.sort')}</label>
            <select id={`${id}-sort`} value={sort} onChange={(event) => sortBy(event.currentTarget.value)}>
              {evidenceSorts.map((s) => (
                <option key={s} value={s}>
                  {t(`explorer.sortBy.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <EvidenceList filter={listed} empty={t('explorer.none')} />
      </section>
    </>
  );
}

/** The open-data download with the same filters: what the public may see of these results. */
function DownloadResults({ filter }: { filter: Record<string, string | null> }) {
  const { t } = useTranslation();
  const query = new URLSearchParams(Object.entries(filter).flatMap(([k, v]) => (v ? [[k, v]] : []))).toString();
  const address = (format: 'csv' | 'json') => `/api/v1/export/evidence.${format}${query ? `?${query}` : ''}`;
  return (
    <p className="download-results">
      {t('explorer.download')}{' '}
      <a href={address('csv')} download>
        {t('explorer.downloadCsv')}
      </a>
      {' · '}
      <a href={address('json')} download>
        {t('explorer.downloadJson')}
      </a>{' '}
      <span className="muted small">{t('explorer.downloadNote')}</span>
    </p>
  );
}
