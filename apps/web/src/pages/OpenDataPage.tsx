import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { todayIso, useDateParam } from '../as-of';
import { AsOfControl } from '../components/AsOfControl';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { textOfKey } from '../catalogue-text';

interface Dictionary {
  [dataset: string]: { description: string; columns: Record<string, string> };
}

const dated = new Set(['matrix', 'scorecards', 'commitments', 'commitments-overdue']);

/** Everything public, as files anyone can take away: CSV (also Excel-friendly), JSON, feeds. */
export function OpenDataPage() {
  const { t, i18n } = useTranslation();
  // The dictionary is the server's, in English; the page says it in the reader's language where the
  // interface texts have it (a dataset added later shows the server's words).
  const said = (key: string, english: string) => (i18n.exists(key) ? textOfKey(i18n, key) : english);
  const [asOf, setAsOf, asOfSet] = useDateParam('asOf', todayIso());
  const dictionary = useQuery({
    queryKey: ['open-data-dictionary'],
    queryFn: async () => {
      const res = await fetch('/api/v1/export/dictionary.json');
      if (!res.ok) throw new Error(`${res.status}`);
      return (await res.json()) as Dictionary;
    },
  });
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('openData.title')}</h1>
          <p className="lead">{t('openData.intro')}</p>
        </div>
        <AsOfControl value={asOf} onChange={setAsOf} isSet={asOfSet} />
      </div>
      <Loadable query={dictionary} skeleton={<SkeletonRows rows={6} />}>
        {(d) => (
          <div className="card-list">
            {Object.entries(d).map(([name, dataset]) => {
              const query = dated.has(name) ? `?asOf=${asOf}` : '';
              const excel = dated.has(name) ? `${query}&excel=1` : '?excel=1';
              return (
                <section key={name} className="card" aria-labelledby={`data-${name}`}>
                  <h2 id={`data-${name}`}>{t(`openData.dataset.${name as 'evidence'}`, { defaultValue: name })}</h2>
                  <p>{said(`openData.datasetDescription.${name}`, dataset.description)}</p>
                  <p className="tags">
                    <a className="button small" href={`/api/v1/export/${name}.csv${query}`}>
                      CSV
                    </a>
                    <a className="button secondary small" href={`/api/v1/export/${name}.csv${excel}`}>
                      {t('openData.excel')}
                    </a>
                    <a className="button secondary small" href={`/api/v1/export/${name}.json${query}`}>
                      JSON
                    </a>
                  </p>
                  <details>
                    <summary>{t('openData.columns', { count: Object.keys(dataset.columns).length })}</summary>
                    <dl className="dictionary">
                      {Object.entries(dataset.columns).map(([column, meaning]) => (
                        <div key={column}>
                          <dt>
                            <code>{column}</code>
                          </dt>
                          <dd>{said(`openData.column.${name}.${column}`, meaning)}</dd>
                        </div>
                      ))}
                    </dl>
                  </details>
                </section>
              );
            })}
          </div>
        )}
      </Loadable>
      <section aria-labelledby="api-heading">
        <h2 id="api-heading">{t('openData.api')}</h2>
        <p>{t('openData.apiIntro')}</p>
        <p className="tags">
          <Link className="button small" to="/data/api">
            {t('openData.apiLink')}
          </Link>
          <a className="button secondary small" href="/api/v1/openapi.json">
            openapi.json
          </a>
        </p>
      </section>
      <section aria-labelledby="feeds-heading">
        <h2 id="feeds-heading">{t('openData.feeds')}</h2>
        <p>{t('openData.feedsIntro')}</p>
        <p>
          <a href="/feeds/all.atom">/feeds/all.atom</a> · {t('openData.feedPerState')} <code>/feeds/KHM.atom</code>
        </p>
        <p>
          {t('openData.feedOverdue')} <a href="/feeds/commitments-overdue.atom">/feeds/commitments-overdue.atom</a>
        </p>
        <p className="muted small">{t('openData.licence')}</p>
      </section>
    </>
  );
}
