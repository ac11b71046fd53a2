import { useQuery } from '@tanstack/react-query';
import { lifecycleOfView, mayCall, mayEraseEvidence } from '@tracker/domain';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { useMe } from '../session';
import { useFormat } from '../format';
import { useTRPC } from '../trpc';
import { NotFoundNotice } from './NotFoundPage';
import { usePageTitle } from '../page-title';
import { Attachments } from '../components/Attachments';
import { EvidenceFacts } from '../components/EvidenceFacts';
import type { EvidenceItem } from '../components/EvidenceList';
import type { Me } from '../session';
import { awaitsDecision, EvidenceDecision, ProposedChange, type Outcome } from '../workspace/Decisions';

// Only administrators erase, and its form brings the input schemas: loaded when shown.
const EraseEvidence = lazy(() => import('./EraseEvidence').then((m) => ({ default: m.EraseEvidence })));

export function EvidencePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const item = useQuery(trpc.evidence.get.queryOptions({ id }));
  const me = useMe();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  usePageTitle(item.data ? (item.data.erasure ? t('evidencePage.erasedTitle') : item.data.title) : undefined);
  const status = item.error?.data?.httpStatus;
  if (status === 404 || status === 400) return <NotFoundNotice message={t('evidencePage.notFound')} />;

  return (
    <Loadable query={item} skeleton={<SkeletonRows rows={8} />}>
      {(e) => (
        <article>
          <p className="evidence-meta">
            <span className="tag">{t(`kind.${e.kind}`)}</span>
            <span className={`tag direction-tag-${e.direction}`}>{t(`direction.${e.direction}`)}</span>
            <span className="tag">{t(`visibility.${e.visibility}`)}</span>
            <span className="tag">{t(`evidenceStatus.${e.status}`)}</span>
            {e.isDemo ? <span className="tag tag-demo">{t('common.demo')}</span> : null}
          </p>
          <h1>{e.erasure ? t('evidencePage.erasedTitle') : e.title}</h1>
          {e.erasure ? (
            <div className="notice notice-error" role="note">
              <strong>{t('evidencePage.erasedOn', { date: format.date(e.erasure.at) })}</strong> {e.erasure.reason}
            </div>
          ) : null}
          {e.retraction ? (
            <div className="notice notice-error" role="note">
              <strong>{t('evidencePage.retractedOn', { date: format.date(e.retraction.at) })}</strong> {e.retraction.reason}
            </div>
          ) : null}
          <p className="lead">{e.summary}</p>
          <EvidenceFacts item={e} />
          {me.data && mayCall('evidence.review', me.data.role) && (awaitsDecision(e) || outcome) ? <ReviewHere item={e} me={me.data} outcome={outcome} onDone={setOutcome} /> : null}
          <section aria-labelledby="files-heading">
            <h2 id="files-heading">{t('evidencePage.attachments')}</h2>
            <Attachments item={e} />
            <p className="muted small">{t('evidencePage.hashNote')}</p>
          </section>
          {me.data && mayEraseEvidence(lifecycleOfView(e), me.data).allowed ? (
            <Suspense fallback={null}>
              <EraseEvidence id={e.id} />
            </Suspense>
          ) : null}
        </article>
      )}
    </Loadable>
  );
}

/** For a reviewer, the decision on the item's own page: what changed, the note, and what happened. */
function ReviewHere({ item, me, outcome, onDone }: { item: EvidenceItem; me: Me; outcome: Outcome | null; onDone: (outcome: Outcome) => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="decide-heading" className="review-here">
      <h2 id="decide-heading">{t('review.decideHere')}</h2>
      <ProposedChange item={item} />
      <EvidenceDecision item={item} me={me} onDone={onDone} />
      <div role="status" className={outcome ? 'notice' : undefined}>
        {outcome ? (
          <>
            {outcome.message} <Link to="/review">{t('review.backToQueue')}</Link>
          </>
        ) : null}
      </div>
    </section>
  );
}
