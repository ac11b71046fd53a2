import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RecommendationSummary, StateSummary } from '../api-types';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { useFormat } from '../format';
import { useTRPC } from '../trpc';

export function OverviewPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const recommendations = useQuery(trpc.catalogue.recommendations.queryOptions());
  const states = useQuery(trpc.states.list.queryOptions());

  return (
    <>
      <h1>{t('overview.title')}</h1>
      <p className="lead">{t('overview.intro')}</p>

      <section aria-labelledby="recommendations-heading">
        <h2 id="recommendations-heading">{t('overview.recommendations')}</h2>
        <Loadable
          query={recommendations}
          skeleton={<SkeletonRows rows={7} />}
          isEmpty={(rows) => rows.length === 0}
          empty={t('overview.noRecommendations')}
        >
          {(rows) => <RecommendationList rows={rows} />}
        </Loadable>
      </section>

      <section aria-labelledby="states-heading">
        <h2 id="states-heading">{t('overview.states')}</h2>
        <p className="muted">{t('overview.statesIntro')}</p>
        <Loadable
          query={states}
          skeleton={<SkeletonRows rows={10} />}
          isEmpty={(rows) => rows.length === 0}
          empty={t('overview.noStates')}
        >
          {(rows) => (
            <>
              <StateTable
                caption={t('overview.operationsStates')}
                rows={rows.filter((s) => s.roles.some((r) => r !== 'origin'))}
              />
              <StateTable
                caption={t('overview.originStates')}
                rows={rows.filter((s) => s.roles.every((r) => r === 'origin'))}
              />
            </>
          )}
        </Loadable>
      </section>
    </>
  );
}

function RecommendationList({ rows }: { rows: RecommendationSummary[] }) {
  const { t } = useTranslation();
  const framework = rows[0]?.frameworkTitle ?? '';
  return (
    <>
      <p className="muted">{t('overview.recommendationsIntro', { count: rows.length, framework })}</p>
      <ol className="card-list" data-testid="recommendations">
        {rows.map((r) => (
          <li key={r.key} className="card">
            <h3>
              <Link to={`/recommendations/${encodeURIComponent(r.key)}`}>
                <span className="key">{r.key}</span> {r.title}
              </Link>
            </h3>
            <p>{r.paraphrase}</p>
            <p className="tags">
              {r.addressees.map((a) => (
                <span key={a} className="tag">
                  {t(`addressee.${a}`)}
                </span>
              ))}
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}

function StateTable({ caption, rows }: { caption: string; rows: StateSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('state.name')}</th>
            <th scope="col">{t('state.region')}</th>
            <th scope="col">{t('state.roles')}</th>
            <th scope="col" className="num">
              {t('state.sites')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.iso3}>
              <th scope="row">
                <Link to={`/states/${s.iso3}`}>{s.name}</Link>
              </th>
              <td>{s.region}</td>
              <td>{format.list(s.roles.map((r) => t(`stateRole.${r}`)))}</td>
              <td className="num">{format.number(s.siteCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
