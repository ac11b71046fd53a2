import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Outputs } from '../api-types';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { useFormat } from '../format';
import { useTRPC } from '../trpc';
import { NotFoundNotice } from './NotFoundPage';

export function StatePage() {
  const { iso3 = '' } = useParams();
  const { t } = useTranslation();
  const trpc = useTRPC();
  const state = useQuery(trpc.states.get.queryOptions({ iso3 }));
  const sites = useQuery(trpc.sites.list.queryOptions({ iso3 }));
  const indicators = useQuery(trpc.indicators.series.queryOptions({ iso3 }));

  if (state.error?.data?.httpStatus === 404 || state.error?.data?.httpStatus === 400) {
    return <NotFoundNotice message={t('state.notFound', { iso3 })} />;
  }

  return (
    <Loadable query={state} skeleton={<SkeletonRows rows={8} />}>
      {(s) => (
        <>
          <h1>{s.name}</h1>
          <p className="muted">
            {s.region} · {s.iso3}
          </p>
          <section aria-labelledby="roles-heading">
            <h2 id="roles-heading">{t('state.rolesHeading')}</h2>
            <dl className="facts">
              {s.roles.map((r) => (
                <div key={r.role}>
                  <dt>{t(`stateRole.${r.role}`)}</dt>
                  <dd>
                    {r.basis} <cite>{r.citation}</cite>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
          <section aria-labelledby="sites-heading">
            <h2 id="sites-heading">{t('state.sitesHeading')}</h2>
            <Loadable
              query={sites}
              skeleton={<SkeletonRows rows={3} />}
              isEmpty={(rows) => rows.length === 0}
              empty={t('state.noSites')}
            >
              {(rows) => <SiteTable rows={rows} />}
            </Loadable>
          </section>
          <section aria-labelledby="indicators-heading">
            <h2 id="indicators-heading">{t('state.indicatorsHeading')}</h2>
            <Loadable
              query={indicators}
              skeleton={<SkeletonRows rows={2} />}
              isEmpty={(rows) => rows.length === 0}
              empty={t('state.noIndicators')}
            >
              {(rows) => <IndicatorTables rows={rows} />}
            </Loadable>
          </section>
          <p>
            <Link to="/">{t('common.backToOverview')}</Link>
          </p>
        </>
      )}
    </Loadable>
  );
}

function SiteTable({ rows }: { rows: Outputs['sites']['list'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('state.siteName')}</th>
            <th scope="col">{t('state.siteKind')}</th>
            <th scope="col">{t('state.siteArea')}</th>
            <th scope="col">{t('state.siteStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((site) => (
            <tr key={site.id}>
              <th scope="row">{site.name}</th>
              <td>{t(`siteKind.${site.kind}`)}</td>
              <td>{site.adminArea}</td>
              <td>
                {site.status ? (
                  <>
                    {t(`siteStatus.${site.status.status}`)}{' '}
                    <span className="muted">({format.date(site.status.observedOn)})</span>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows[0] ? (
        <p className="muted">
          {t('common.source')}: <cite>{rows[0].citation}</cite>
        </p>
      ) : null}
    </div>
  );
}

function IndicatorTables({ rows }: { rows: Outputs['indicators']['series'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      {rows.map((series) => (
        <div key={series.key} className="table-wrap">
          <table>
            <caption>
              {series.name} <span className="muted">({series.unit})</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('state.date')}</th>
                <th scope="col" className="num">
                  {t('state.value')}
                </th>
                <th scope="col">{t('common.source')}</th>
              </tr>
            </thead>
            <tbody>
              {series.observations.map((o) => (
                <tr key={o.observedOn}>
                  <td>{format.date(o.observedOn)}</td>
                  <td className="num">{t(`qualifier.${o.qualifier}`, { value: format.number(o.value) })}</td>
                  <td>
                    <cite>{o.citation}</cite>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
