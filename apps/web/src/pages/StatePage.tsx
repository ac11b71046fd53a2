import { FollowButton } from '../components/FollowButton';
import { CommitmentsSection, RepliesSection } from '../follow-up/FollowUpSections';
import { ReplyPointer, useLatestReplies, type Reply } from '../follow-up/Replies';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Outputs } from '../api-types';
import { todayIso, useDateParam } from '../as-of';
import { AsOfControl } from '../components/AsOfControl';
import { ChartFrame, ScoreTimeline, ValueBars } from '../components/charts';
import { EvidenceList } from '../components/EvidenceList';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { StatusBadge } from '../components/Status';
import { TrendText } from '../components/TrendText';
import { LastUpdated } from '../components/LastUpdated';
import { useFormat } from '../format';
import { useTRPC } from '../trpc';
import { NotFoundNotice } from './NotFoundPage';
import { usePageTitle } from '../page-title';
import { CatalogueText, useCatalogueText, useRegionName } from '../catalogue-text';
import { TableWrap } from '../components/TableWrap';
import { isLowerBound } from '@tracker/domain/vocabulary';

export function StatePage() {
  const { iso3 = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const [asOf, setAsOf, asOfSet] = useDateParam('asOf', todayIso());
  const state = useQuery(trpc.states.get.queryOptions({ iso3 }));
  const card = useQuery(trpc.scorecards.state.queryOptions({ iso3, asOf }));
  const timeline = useQuery(trpc.scorecards.timeline.queryOptions({ iso3 }));
  const sites = useQuery(trpc.sites.list.queryOptions({ iso3 }));
  const indicators = useQuery(trpc.indicators.series.queryOptions({ iso3 }));
  const replies = useLatestReplies({ iso3 }, asOf);
  const text = useCatalogueText();
  const regionName = useRegionName();
  usePageTitle(state.data ? text('state', state.data.iso3, 'name', state.data.name).text : undefined);

  if (state.error?.data?.httpStatus === 404 || state.error?.data?.httpStatus === 400) {
    return <NotFoundNotice message={t('state.notFound', { iso3 })} />;
  }

  return (
    <Loadable query={state} skeleton={<SkeletonRows rows={8} />}>
      {(s) => (
        <article className="brief">
          <div className="page-head">
            <div>
              <h1>
                <CatalogueText entity="state" id={s.iso3} field="name" english={s.name} />
              </h1>
              <p className="muted">
                {regionName(s.region)} · {s.iso3} · <Link to={`/compare?states=${s.iso3}`} className="no-print">{t('compare.withOthers')}</Link>
              </p>
            </div>
            <div className="no-print">
              <AsOfControl value={asOf} onChange={setAsOf} isSet={asOfSet} />
              <button type="button" className="secondary" onClick={() => window.print()}>
                {t('scorecard.print')}
              </button>{' '}
              <FollowButton iso3={s.iso3} name={text('state', s.iso3, 'name', s.name).text} />
            </div>
          </div>
          <p className="print-only">{t('scorecard.printedAsOf', { date: format.date(asOf) })}</p>

          <section aria-labelledby="scorecard-heading">
            <h2 id="scorecard-heading">{t('scorecard.title')}</h2>
            <LastUpdated points={timeline.data?.points} asOf={asOf} text="state.lastUpdated" />
            <Loadable query={card} skeleton={<SkeletonRows rows={7} />}>
              {(c) => <Scorecard card={c} replies={replies} />}
            </Loadable>
            <Loadable query={timeline} skeleton={<div className="skeleton skeleton-block" />}>
              {(tl) => <ScoreTimeline title={t('scorecard.history')} points={tl.points.filter((p) => p.date <= asOf)} until={asOf} />}
            </Loadable>
          </section>

          <RepliesSection filter={{ iso3: s.iso3 }} asOf={asOf} />
          <CommitmentsSection filter={{ iso3: s.iso3 }} asOf={asOf} />

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
            <Loadable query={sites} skeleton={<SkeletonRows rows={3} />} isEmpty={(rows) => rows.length === 0} empty={t('state.noSites')}>
              {(rows) => <SiteTable rows={rows} />}
            </Loadable>
          </section>

          <section aria-labelledby="indicators-heading">
            <h2 id="indicators-heading">{t('state.indicatorsHeading')}</h2>
            <Loadable query={indicators} skeleton={<SkeletonRows rows={2} />} isEmpty={(rows) => rows.length === 0} empty={t('state.noIndicators')}>
              {(rows) => <IndicatorTables rows={rows} />}
            </Loadable>
          </section>

          <section aria-labelledby="evidence-heading">
            <h2 id="evidence-heading">{t('state.evidenceHeading')}</h2>
            <EvidenceList filter={{ iso3: s.iso3, status: 'verified', publishedTo: asOf }} empty={t('state.noEvidence')} />
            <p className="no-print">
              <Link to={`/evidence?iso3=${s.iso3}`}>{t('state.allEvidence')}</Link>
            </p>
          </section>
        </article>
      )}
    </Loadable>
  );
}

function Scorecard({ card, replies }: { card: Outputs['scorecards']['state']; replies: Map<string, Reply> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <div className="score-summary">
        <p>
          <span className="big-number">{card.score === null ? '—' : format.number(card.score)}</span> <span className="muted">/ 100</span>
        </p>
        <p>{t('scorecard.coverageText', { assessed: card.assessed, total: card.total })}</p>
        <p>
          <TrendText trend={card.trend} />
        </p>
        {card.regressed > 0 ? <p className="regressed-note">{t('scorecard.regressedCount', { count: card.regressed })}</p> : null}
      </div>
      <TableWrap>
        <table>
          <caption>{t('scorecard.caption', { date: format.date(card.asOf) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('overview.recommendation')}</th>
              <th scope="col">{t('scorecard.verified')}</th>
              <th scope="col">{t('scorecard.claimed')}</th>
              <th scope="col">{t('scorecard.confidence')}</th>
              <th scope="col">{t('scorecard.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {card.recommendations.map((r) => (
              <tr key={r.recommendationKey}>
                <th scope="row">
                  <Link to={`/recommendations/${r.recommendationKey}`}>
                    <span className="key">{r.recommendationKey}</span>{' '}
                    <CatalogueText entity="recommendation" id={r.recommendationKey} field="title" english={r.title} />
                  </Link>
                  {r.rationale ? <p className="muted small">{r.rationale}</p> : null}
                </th>
                <td>
                  <StatusBadge status={r.status} />
                  {r.isDemo ? <span className="tag tag-demo">{t('common.demo')}</span> : null}
                  {r.effectiveFrom ? <div className="muted small">{t('scorecard.since', { date: format.date(r.effectiveFrom) })}</div> : null}
                </td>
                <td>
                  {r.claimedStatus ? <StatusBadge status={r.claimedStatus} /> : <span className="muted">—</span>}
                  {r.claimGap ? <div className="small gap-note">{t('scorecard.claimGap')}</div> : null}
                  <ReplyPointer reply={replies.get(`${card.iso3} ${r.recommendationKey}`)} />
                </td>
                <td>{t(`confidence.${r.confidence}`)}</td>
                <td className="small">
                  {t('scorecard.evidenceCounts', { public: r.evidence.public, restricted: r.evidence.restricted, confidential: r.evidence.confidential })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p className="muted small">
        {t('scorecard.methodology', { version: card.methodologyVersion })} <Link to="/methodology">{t('overview.howScored')}</Link>
      </p>
    </>
  );
}

function SiteTable({ rows }: { rows: Outputs['sites']['list'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <TableWrap>
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
                    {t(`siteStatus.${site.status.status}`)} <span className="muted">({format.date(site.status.observedOn)})</span>
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
    </TableWrap>
  );
}

function IndicatorTables({ rows }: { rows: Outputs['indicators']['series'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="chart-grid">
      {rows.map((series) => {
        const points = series.observations.map((o) => ({
          observedOn: o.observedOn,
          value: o.value,
          qualifier: o.qualifier,
          label: t(`qualifier.${o.qualifier}`, { value: format.number(o.value) }),
        }));
        // "Casinos (casinos)" says the unit twice: it is named only when the name does not.
        const title = series.name.toLocaleLowerCase().includes(series.unit.toLocaleLowerCase()) ? series.name : `${series.name} (${series.unit})`;
        const bounded = points.some((p) => isLowerBound(p.qualifier));
        return (
          <ChartFrame
            key={series.key}
            title={title}
            chart={<ValueBars points={points} unit={series.unit} />}
            table={
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('state.date')}</th>
                    <th scope="col" className="num">{t('state.value')}</th>
                    <th scope="col">{t('common.source')}</th>
                  </tr>
                </thead>
                <tbody>
                  {series.observations.map((o, i) => (
                    <tr key={o.observedOn}>
                      <td>{format.date(o.observedOn)}</td>
                      <td className="num">{points[i]?.label}</td>
                      <td>
                        <cite>{o.citation}</cite>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
            footer={
              <>
                {bounded ? <p className="muted small chart-note">{t('chart.lowerBound')}</p> : null}
                <p className="muted small">
                  {t('common.source')}: <cite>{[...new Set(series.observations.map((o) => o.citation))].join('; ')}</cite>
                </p>
              </>
            }
          />
        );
      })}
    </div>
  );
}
