import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RecommendationSummary, StateSummary } from '../api-types';
import { shiftIso, todayIso, useDateParam } from '../as-of';
import { AsOfControl } from '../components/AsOfControl';
import { ChangeList } from '../components/Changes';
import { ChartFrame, RegionMap, ScoreBars, ScoreTimeline } from '../components/charts';
import { Heatmap, StatusLegend } from '../components/Heatmap';
import { LastUpdated } from '../components/LastUpdated';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { useFormat } from '../format';
import { useTRPC } from '../trpc';
import { CatalogueText, StateLink, useCatalogueText, useFrameworkTitle, useRegionName } from '../catalogue-text';
import { TableWrap } from '../components/TableWrap';
import { CommitmentsSection } from '../follow-up/FollowUpSections';

export function OverviewPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const text = useCatalogueText();
  const [asOf, setAsOf, asOfSet] = useDateParam('asOf', todayIso());
  const [since, setSince] = useDateParam('since', shiftIso(asOf, -90));
  const matrix = useQuery(trpc.scorecards.matrix.queryOptions({ asOf }));
  const timeline = useQuery(trpc.scorecards.timeline.queryOptions({}));
  const changes = useQuery(trpc.scorecards.changes.queryOptions({ since: since <= asOf ? since : shiftIso(asOf, -90), until: asOf }));
  const recommendations = useQuery(trpc.catalogue.recommendations.queryOptions());
  const states = useQuery(trpc.states.list.queryOptions());
  const siteCount = new Map((states.data ?? []).map((s) => [s.iso3, s.siteCount]));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('overview.title')}</h1>
          <p className="lead">{t('overview.intro')}</p>
        </div>
        <AsOfControl value={asOf} onChange={setAsOf} isSet={asOfSet} />
      </div>

      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t('overview.progress')}</h2>
        <Loadable query={matrix} skeleton={<SkeletonRows rows={8} />}>
          {(m) =>
            m.overall.assessed === 0 ? (
              <div className="notice">{t('overview.nothingAssessed', { date: format.date(m.asOf) })}</div>
            ) : (
              <>
                {m.cells.some((c) => c.isDemo) ? (
                  <div className="notice demo-notice" role="note">
                    {t('overview.demoNotice')}
                  </div>
                ) : null}
                <p className="headline">
                  {t('overview.regionalScore', {
                    score: format.number(m.overall.score ?? 0),
                    assessed: format.number(m.overall.assessed),
                    total: format.number(m.overall.total),
                  })}{' '}
                  <Link to="/methodology">{t('overview.howScored')}</Link>
                </p>
                <p className="muted">{t('overview.scoreMeaning')}</p>
                <LastUpdated points={timeline.data?.points} asOf={asOf} text="overview.lastUpdated" />
                <Heatmap matrix={m} />
                <StatusLegend />
                <p className="no-print">
                  <Link to={`/compare?states=${m.states.slice(0, 3).map((s) => s.iso3).join(',')}`}>{t('compare.link')}</Link>
                </p>
                <ChartFrame
                  title={t('map.title', { date: format.date(m.asOf) })}
                  chart={
                    <RegionMap
                      states={m.states.map((s) => ({
                        iso3: s.iso3,
                        name: text('state', s.iso3, 'name', s.name).text,
                        score: s.summary.score,
                        sites: siteCount.get(s.iso3) ?? 0,
                      }))}
                    />
                  }
                  table={
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('state.name')}</th>
                          <th scope="col" className="num">{t('scorecard.score')}</th>
                          <th scope="col" className="num">{t('state.sites')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {m.states
                          .filter((s) => s.summary.assessed > 0 || (siteCount.get(s.iso3) ?? 0) > 0)
                          .map((s) => (
                            <tr key={s.iso3}>
                              <th scope="row">
                                <CatalogueText entity="state" id={s.iso3} field="name" english={s.name} />
                              </th>
                              <td className="num">{s.summary.score === null ? '—' : format.number(s.summary.score)}</td>
                              <td className="num">{format.number(siteCount.get(s.iso3) ?? 0)}</td>
                            </tr>
                          ))}
                      </tbody>
                    </table>
                  }
                />
                <p className="muted small">{t('map.note')}</p>
                <div className="chart-grid">
                  <ChartFrame
                    title={t('overview.byRecommendation')}
                    chart={<ScoreBars label={t('scorecard.score')} bars={m.recommendations.map((r) => ({ key: r.key, title: r.title, score: r.regional.score }))} />}
                    table={
                      <table>
                        <thead>
                          <tr>
                            <th scope="col">{t('overview.recommendation')}</th>
                            <th scope="col" className="num">{t('scorecard.score')}</th>
                            <th scope="col" className="num">{t('scorecard.coverage')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {m.recommendations.map((r) => (
                            <tr key={r.key}>
                              <th scope="row">
                                {r.key} <CatalogueText entity="recommendation" id={r.key} field="title" english={r.title} />
                              </th>
                              <td className="num">{r.regional.score === null ? '—' : format.number(r.regional.score)}</td>
                              <td className="num">{format.percent(r.regional.coverage)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    }
                  />
                  <Loadable query={timeline} skeleton={<div className="skeleton skeleton-block" />}>
                    {(tl) => <ScoreTimeline title={t('overview.overTime')} points={tl.points.filter((p) => p.date <= asOf)} until={asOf} />}
                  </Loadable>
                </div>
              </>
            )
          }
        </Loadable>
      </section>

      <CommitmentsSection filter={{}} asOf={asOf} dueOnly />

      <section aria-labelledby="changes-heading">
        <h2 id="changes-heading">{t('overview.changes')}</h2>
        <div className="as-of">
          <label htmlFor="since">{t('overview.since')}</label>
          <input id="since" type="date" value={since} max={asOf} onChange={(e) => setSince(e.target.value || null)} />
        </div>
        <Loadable
          query={changes}
          skeleton={<SkeletonRows rows={3} />}
          isEmpty={(c) => c.changes.length === 0}
          empty={t('overview.noChanges', { since: format.date(since), until: format.date(asOf) })}
        >
          {(c) => <ChangeList changes={c.changes} />}
        </Loadable>
      </section>

      <section aria-labelledby="recommendations-heading">
        <h2 id="recommendations-heading">{t('overview.recommendations')}</h2>
        <Loadable query={recommendations} skeleton={<SkeletonRows rows={7} />} isEmpty={(rows) => rows.length === 0} empty={t('overview.noRecommendations')}>
          {(rows) => <RecommendationList rows={rows} />}
        </Loadable>
      </section>

      <section aria-labelledby="states-heading">
        <h2 id="states-heading">{t('overview.states')}</h2>
        <p className="muted">{t('overview.statesIntro')}</p>
        <Loadable query={states} skeleton={<SkeletonRows rows={10} />} isEmpty={(rows) => rows.length === 0} empty={t('overview.noStates')}>
          {(rows) => (
            <>
              <StateTable caption={t('overview.operationsStates')} rows={rows.filter((s) => s.roles.some((r) => r !== 'origin'))} />
              <StateTable caption={t('overview.originStates')} rows={rows.filter((s) => s.roles.every((r) => r === 'origin'))} />
            </>
          )}
        </Loadable>
      </section>
    </>
  );
}

function RecommendationList({ rows }: { rows: RecommendationSummary[] }) {
  const { t } = useTranslation();
  const frameworkTitle = useFrameworkTitle();
  const framework = rows[0] ? frameworkTitle(rows[0].frameworkSlug, rows[0].frameworkTitle) : '';
  return (
    <>
      <p className="muted">{t('overview.recommendationsIntro', { count: rows.length, framework })}</p>
      <ol className="card-list" data-testid="recommendations">
        {rows.map((r) => (
          <li key={r.key} className="card">
            <h3>
              <Link to={`/recommendations/${encodeURIComponent(r.key)}`}>
                <span className="key">{r.key}</span> <CatalogueText entity="recommendation" id={r.key} field="title" english={r.title} />
              </Link>
            </h3>
            <p>
              <CatalogueText entity="recommendation" id={r.key} field="paraphrase" english={r.paraphrase} />
            </p>
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
  const regionName = useRegionName();
  if (rows.length === 0) return null;
  return (
    <TableWrap>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('state.name')}</th>
            <th scope="col">{t('state.region')}</th>
            <th scope="col">{t('state.roles')}</th>
            <th scope="col" className="num">{t('state.sites')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.iso3}>
              <th scope="row">
                <StateLink iso3={s.iso3} name={s.name} />
              </th>
              <td>{regionName(s.region)}</td>
              <td>{format.list(s.roles.map((r) => t(`stateRole.${r}`)))}</td>
              <td className="num">{format.number(s.siteCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

