import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Outputs } from '../api-types';
import { Attachments } from '../components/Attachments';
import { EvidenceFacts } from '../components/EvidenceFacts';
import { EvidenceRow } from '../components/EvidenceList';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { RouteGuard } from '../components/RouteGuard';
import { StatusBadge } from '../components/Status';
import { useFormat } from '../format';
import type { Me } from '../session';
import { useTRPC } from '../trpc';
import { AssessmentDecision, EvidenceDecision, ProposedChange, type Outcome } from './Decisions';

type Assessment = Outputs['assessments']['history'][number];

/** The reviewer queue: evidence awaiting verification and assessments awaiting approval. */
export function ReviewPage() {
  const { t } = useTranslation();
  return (
    <RouteGuard needs="evidence.review" denied={t('review.onlyReviewers')}>
      {(me) => <ReviewQueue me={me} />}
    </RouteGuard>
  );
}

function ReviewQueue({ me }: { me: Me }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const evidence = useQuery(trpc.evidence.list.queryOptions({ status: 'submitted', limit: 100 }));
  const assessments = useQuery(trpc.assessments.history.queryOptions({}));
  // The last decision, said where it stays in view when its item leaves the queue.
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  return (
    <>
      <h1>{t('review.title')}</h1>
      <p className="lead">{t('review.intro')}</p>
      <div role="status" className={outcome ? 'notice' : undefined}>
        {outcome ? (
          <>
            {outcome.message} {outcome.href ? <Link to={outcome.href}>{t('review.openItem')}</Link> : null}
          </>
        ) : null}
      </div>
      <section aria-labelledby="review-evidence">
        <h2 id="review-evidence">{t('review.evidence')}</h2>
        <Loadable query={evidence} skeleton={<SkeletonRows rows={3} />} isEmpty={(d) => d.items.length === 0} empty={t('review.noEvidence')}>
          {(d) => (
            <ul className="evidence-list">
              {d.items.map((item) => (
                <EvidenceRow key={item.id} item={item}>
                  <p>{item.summary}</p>
                  <EvidenceFacts item={item} compact />
                  {item.attachments.length > 0 ? (
                    <details className="review-files" open>
                      <summary>{t('review.files', { count: item.attachments.length })}</summary>
                      <Attachments item={item} />
                    </details>
                  ) : null}
                  <ProposedChange item={item} />
                  <EvidenceDecision item={item} me={me} onDone={setOutcome} />
                </EvidenceRow>
              ))}
            </ul>
          )}
        </Loadable>
      </section>
      <section aria-labelledby="review-assessments">
        <h2 id="review-assessments">{t('review.assessments')}</h2>
        <Loadable
          query={assessments}
          skeleton={<SkeletonRows rows={3} />}
          isEmpty={(rows) => !rows.some((a) => a.reviewState === 'proposed')}
          empty={t('review.noAssessments')}
        >
          {(rows) => (
            <ul className="evidence-list">
              {rows
                .filter((a) => a.reviewState === 'proposed')
                .map((a) => (
                  <li key={a.id} className="evidence-item">
                    <h3>
                      <Link to={`/states/${a.iso3}`}>{a.iso3}</Link> · <Link to={`/recommendations/${a.recommendationKey}`}>{a.recommendationKey}</Link>{' '}
                      <StatusBadge status={a.status} />
                    </h3>
                    <p>{a.rationale}</p>
                    <AssessmentContext assessment={a} history={rows} />
                    {a.assessorId === me.id ? <p className="muted">{t('review.yours')}</p> : <AssessmentDecision id={a.id} cell={a} onDone={setOutcome} />}
                  </li>
                ))}
            </ul>
          )}
        </Loadable>
      </section>
    </>
  );
}

/** The approved assessment a proposal would follow in its cell: the latest effective on or before its date. */
function replaced(proposal: Assessment, history: readonly Assessment[]): Assessment | null {
  const earlier = history.filter(
    (a) => a.reviewState === 'approved' && a.iso3 === proposal.iso3 && a.recommendationKey === proposal.recommendationKey && a.effectiveFrom <= proposal.effectiveFrom,
  );
  return earlier.reduce<Assessment | null>((best, a) => (!best || a.effectiveFrom > best.effectiveFrom || (a.effectiveFrom === best.effectiveFrom && a.createdAt > best.createdAt) ? a : best), null);
}

/** What a proposed assessment rests on and what it would replace: the reviewer's context. */
function AssessmentContext({ assessment: a, history }: { assessment: Assessment; history: readonly Assessment[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const before = replaced(a, history);
  const evidence = useQueries({ queries: a.evidenceIds.map((id) => trpc.evidence.get.queryOptions({ id })) });
  return (
    <dl className="facts compact">
      <div>
        <dt>{t('review.when')}</dt>
        <dd>
          {t('review.effective', { date: format.date(a.effectiveFrom) })}
          {a.claimedStatus ? ` · ${t('review.claimed', { status: t(`status.${a.claimedStatus}`) })}` : ''}
        </dd>
      </div>
      <div>
        <dt>{t('review.replaces')}</dt>
        <dd>
          {before ? (
            <>
              <StatusBadge status={before.status} /> {t('review.replacesSince', { date: format.date(before.effectiveFrom) })}
            </>
          ) : (
            t('review.replacesNothing')
          )}
        </dd>
      </div>
      <div>
        <dt>{t('review.restsOn')}</dt>
        <dd>
          {a.evidenceIds.length === 0 ? (
            t('review.noSupport')
          ) : (
            <ul className="plain">
              {evidence.map((q, i) => (
                <li key={a.evidenceIds[i]}>
                  {q.data ? (
                    <>
                      <Link to={`/evidence/${q.data.id}`}>{q.data.title}</Link>{' '}
                      <span className="muted">
                        {t('evidence.grade', { reliability: q.data.reliability, credibility: q.data.credibility })} · {t(`direction.${q.data.direction}`)}
                      </span>
                    </>
                  ) : q.isError ? (
                    <span className="muted">{t('common.loadFailed')}</span>
                  ) : (
                    <span className="muted">{t('common.loading')}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <span className="muted small">{t('scorecard.evidenceCounts', a.evidenceCounts)}</span>
        </dd>
      </div>
    </dl>
  );
}
