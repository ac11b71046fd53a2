import { CommitmentsSection, RepliesSection } from '../follow-up/FollowUpSections';
import { ReplyPointer, useLatestReplies } from '../follow-up/Replies';
import { FollowButton } from '../components/FollowButton';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { todayIso, useDateParam } from '../as-of';
import { AsOfControl } from '../components/AsOfControl';
import { EvidenceList } from '../components/EvidenceList';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { StatusBadge } from '../components/Status';
import { useFormat } from '../format';
import { useTRPC } from '../trpc';
import { NotFoundNotice } from './NotFoundPage';
import { usePageTitle } from '../page-title';
import { CatalogueText, StateLink, useCatalogueText, useFrameworkTitle } from '../catalogue-text';
import { TableWrap } from '../components/TableWrap';

export function RecommendationPage() {
  const { key = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const recommendation = useQuery(trpc.catalogue.recommendation.queryOptions({ key }));
  const [asOf, setAsOf, asOfSet] = useDateParam('asOf', todayIso());
  const across = useQuery(trpc.scorecards.recommendation.queryOptions({ key, asOf }));
  const replies = useLatestReplies({ recommendationKey: key }, asOf);
  const text = useCatalogueText();
  const frameworkTitle = useFrameworkTitle();
  usePageTitle(recommendation.data ? `${recommendation.data.key} ${text('recommendation', recommendation.data.key, 'title', recommendation.data.title).text}` : undefined);

  const status = recommendation.error?.data?.httpStatus;
  if (status === 404 || status === 400) return <NotFoundNotice message={t('recommendation.notFound', { key })} />;

  return (
    <Loadable query={recommendation} skeleton={<SkeletonRows rows={6} />}>
      {(r) => (
        <article>
          <p className="muted">
            {t('recommendation.group', { key: r.groupKey, title: '' })}
            <CatalogueText entity="group" id={r.groupKey} field="title" english={r.groupTitle} />
          </p>
          <h1>
            <span className="key">{r.key}</span> <CatalogueText entity="recommendation" id={r.key} field="title" english={r.title} />
          </h1>
          <p className="lead">
            <CatalogueText entity="recommendation" id={r.key} field="paraphrase" english={r.paraphrase} />
          </p>
          <FollowButton recommendationKey={r.key} name={r.key} />
          <p className="muted">
            {t('recommendation.paraphraseNote')}
            {i18n.language === 'en' ? null : <> {t('catalogue.trackerTranslation')}</>}
          </p>
          <dl className="facts">
            <div>
              <dt>{t('recommendation.addressees')}</dt>
              <dd>{format.list(r.addressees.map((a) => t(`addressee.${a}`)))}</dd>
            </div>
            <div>
              <dt>{t('recommendation.sdgTargets')}</dt>
              <dd>{r.sdgTargets.length ? format.list(r.sdgTargets) : t('recommendation.sdgNone')}</dd>
            </div>
            <div>
              <dt>{t('recommendation.framework')}</dt>
              <dd>{frameworkTitle(r.frameworkSlug, r.frameworkTitle)}</dd>
            </div>
            <div>
              <dt>{t('common.source')}</dt>
              <dd>
                <cite>{r.sourceLocator}</cite>
              </dd>
            </div>
          </dl>
          <section aria-labelledby="across-heading">
            <div className="page-head">
              <h2 id="across-heading">{t('recommendation.acrossStates')}</h2>
              <AsOfControl value={asOf} onChange={setAsOf} isSet={asOfSet} />
            </div>
            <Loadable query={across} skeleton={<SkeletonRows rows={6} />}>
              {(c) => (
                <>
                  <p>
                    {c.regional.score === null
                      ? t('recommendation.noneAssessed')
                      : t('recommendation.regional', { score: format.number(c.regional.score), assessed: c.regional.assessed, total: c.regional.total })}
                  </p>
                  <TableWrap>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('state.name')}</th>
                          <th scope="col">{t('scorecard.verified')}</th>
                          <th scope="col">{t('scorecard.claimed')}</th>
                          <th scope="col">{t('scorecard.confidence')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {c.states
                          .filter((s) => s.status !== null)
                          .map((s) => (
                            <tr key={s.iso3}>
                              <th scope="row">
                                <StateLink iso3={s.iso3} name={s.name} />
                              </th>
                              <td>
                                <StatusBadge status={s.status} />
                              </td>
                              <td>
                                {s.claimedStatus ? <StatusBadge status={s.claimedStatus} /> : '—'}
                                <ReplyPointer reply={replies.get(`${s.iso3} ${key}`)} />
                              </td>
                              <td>{t(`confidence.${s.confidence}`)}</td>
                            </tr>
                          ))}
                      </tbody>
                    </table>
                  </TableWrap>
                </>
              )}
            </Loadable>
          </section>
          <RepliesSection filter={{ recommendationKey: r.key }} asOf={asOf} />
          <CommitmentsSection filter={{ recommendationKey: r.key }} asOf={asOf} />
          <section aria-labelledby="rec-evidence-heading">
            <h2 id="rec-evidence-heading">{t('state.evidenceHeading')}</h2>
            <EvidenceList filter={{ recommendationKey: r.key, status: 'verified' }} empty={t('recommendation.noEvidence')} />
          </section>
          <p>
            <Link to="/">{t('common.backToOverview')}</Link>
          </p>
        </article>
      )}
    </Loadable>
  );
}
