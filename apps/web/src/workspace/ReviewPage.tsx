import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EvidenceRow, type EvidenceItem } from '../components/EvidenceList';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { StatusBadge } from '../components/Status';
import { useFormat } from '../format';
import { RouteGuard } from '../components/RouteGuard';
import type { Me } from '../session';
import { useInvalidate } from '../invalidate';
import { useTRPC } from '../trpc';
import { useErrorText } from '../error-text';
import { asText, fieldLimits, lifecycleOfView, mayReviewEvidence, type Role } from '@tracker/domain';

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
  const format = useFormat();
  const trpc = useTRPC();
  const evidence = useQuery(trpc.evidence.list.queryOptions({ status: 'submitted', limit: 100 }));
  const assessments = useQuery(trpc.assessments.history.queryOptions({}));
  return (
    <>
      <h1>{t('review.title')}</h1>
      <p className="lead">{t('review.intro')}</p>
      <section aria-labelledby="review-evidence">
        <h2 id="review-evidence">{t('review.evidence')}</h2>
        <Loadable query={evidence} skeleton={<SkeletonRows rows={3} />} isEmpty={(d) => d.items.length === 0} empty={t('review.noEvidence')}>
          {(d) => (
            <ul className="evidence-list">
              {d.items.map((item) => (
                <EvidenceRow key={item.id} item={item}>
                  <p>{item.summary}</p>
                  {item.pendingChange ? <ProposedChange item={item} /> : null}
                  <EvidenceDecision item={item} me={me} />
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
                    <p className="muted small">
                      {t('review.effective', { date: format.date(a.effectiveFrom) })} · {t('scorecard.evidenceCounts', a.evidenceCounts)}
                    </p>
                    {'assessorId' in a && a.assessorId === me.id ? <p className="muted">{t('review.yours')}</p> : <AssessmentDecision id={a.id} />}
                  </li>
                ))}
            </ul>
          )}
        </Loadable>
      </section>
    </>
  );
}

function Decision({ labels, onDecide, pending }: { labels: [string, string]; onDecide: (positive: boolean, note: string) => Promise<void>; pending: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function decide(positive: boolean) {
    if (!note.trim()) {
      setError(t('review.noteNeeded'));
      return;
    }
    setError(null);
    try {
      await onDecide(positive, note.trim());
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <form
      className="decision"
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        void decide(true);
      }}
    >
      <label>
        {t('review.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={fieldLimits.reviewNote} />
      </label>
      <button type="submit" disabled={pending}>
        {labels[0]}
      </button>
      <button type="button" className="secondary" disabled={pending} onClick={() => void decide(false)}>
        {labels[1]}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** Why the signed-in reviewer may not decide on an item, in their language; null when they may. */
function refusal(item: EvidenceItem, me: { id: string; role: Role }): string | null {
  if (mayReviewEvidence(lifecycleOfView(item), me).allowed) return null;
  if (item.createdBy === me.id) return 'review.yours';
  if (item.pendingChange?.by === me.id) return 'review.yourChange';
  return 'review.changedLast';
}

function EvidenceDecision({ item, me }: { item: EvidenceItem; me: { id: string; role: Role } }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const review = useMutation(trpc.evidence.review.mutationOptions());
  const refused = refusal(item, me);
  if (refused) return <p className="muted">{t(refused as 'review.yours')}</p>;
  const change = item.pendingChange !== null && item.pendingChange !== undefined;
  return (
    <Decision
      labels={change ? [t('review.applyChange'), t('review.rejectChange')] : [t('review.verify'), t('review.reject')]}
      pending={review.isPending}
      onDecide={async (positive, note) => {
        await review.mutateAsync({ id: item.id, decision: positive ? 'verify' : 'reject', note, ...(item.revision ? { revision: item.revision } : {}) });
        await invalidate.evidence();
      }}
    />
  );
}

const changeFields = ['iso3', 'title', 'summary', 'kind', 'direction', 'sourceUrl', 'publisher', 'publishedOn', 'language', 'reliability', 'credibility', 'visibility', 'containsPersonalData', 'recommendationKeys', 'siteIds'] as const;

/** What a proposed change to a verified item would change, field by field: published → proposed. */
function ProposedChange({ item }: { item: EvidenceItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const change = item.pendingChange;
  if (!change) return null;
  const current: Record<(typeof changeFields)[number], unknown> = {
    ...item,
    containsPersonalData: item.containsPersonalData ?? false,
    siteIds: item.sites.map((s) => s.id),
  };
  const show = (value: unknown) => (Array.isArray(value) ? [...(value as string[])].sort().join(', ') : value === null || value === '' ? '—' : asText(value));
  const changed = changeFields.filter((f) => show(current[f]) !== show(change.content[f]));
  return (
    <div className="proposed-change">
      <p>
        <strong>{t('review.proposedChange', { date: format.dateTime(change.at) })}</strong> {t('review.publishedStays')}
      </p>
      <dl className="facts">
        {changed.map((field) => (
          <div key={field}>
            <dt>{t(`review.field.${field}`)}</dt>
            <dd>
              <del>{show(current[field])}</del> → <ins>{show(change.content[field])}</ins>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function AssessmentDecision({ id }: { id: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const review = useMutation(trpc.assessments.review.mutationOptions());
  return (
    <Decision
      labels={[t('review.approve'), t('review.return')]}
      pending={review.isPending}
      onDecide={async (positive, note) => {
        await review.mutateAsync({ id, decision: positive ? 'approve' : 'return', note });
        await invalidate.assessments();
      }}
    />
  );
}
