import { useMutation } from '@tanstack/react-query';
import { asText, fieldLimits, lifecycleOfView, mayReviewEvidence, type Role } from '@tracker/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceItem } from '../components/EvidenceList';
import { useErrorText } from '../error-text';
import { useFormat } from '../format';
import { useInvalidate } from '../invalidate';
import { useTRPC } from '../trpc';

/** What a decision did, said to the person who made it (and announced to screen readers). */
export interface Outcome {
  message: string;
  /** Where the item can be seen now, when it has a page. */
  href?: string;
}

type Reviewer = { id: string; role: Role };

/** A decision with its note, which the server requires for both answers: said before the click. */
function Decision({ labels, onDecide, pending }: { labels: [string, string]; onDecide: (positive: boolean, note: string) => Promise<void>; pending: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const errorId = `${useId()}-error`;
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
      noValidate
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        void decide(true);
      }}
    >
      <label>
        {t('review.note')} <span className="required">{t('form.required')}</span>
        <input
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            setError(null);
          }}
          maxLength={fieldLimits.reviewNote}
          required
          aria-required="true"
          {...(error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {})}
        />
      </label>
      <button type="submit" disabled={pending}>
        {labels[0]}
      </button>
      <button type="button" className="secondary" disabled={pending} onClick={() => void decide(false)}>
        {labels[1]}
      </button>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** Whether an item waits for a decision at all: submitted, or verified with a proposed change. */
export const awaitsDecision = (item: EvidenceItem) => item.status === 'submitted' || Boolean(item.pendingChange);

/** Why the signed-in reviewer may not decide on an item, as a text key; null when they may. */
function refusal(item: EvidenceItem, me: Reviewer) {
  if (mayReviewEvidence(lifecycleOfView(item), me).allowed) return null;
  if (item.createdBy === me.id) return 'review.yours' as const;
  if (item.pendingChange?.by === me.id) return 'review.yourChange' as const;
  return 'review.changedLast' as const;
}

/** Verify or return an item (or its proposed change), then say where it went. */
export function EvidenceDecision({ item, me, onDone }: { item: EvidenceItem; me: Reviewer; onDone: (outcome: Outcome) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const review = useMutation(trpc.evidence.review.mutationOptions());
  if (!awaitsDecision(item)) return null;
  const refused = refusal(item, me);
  if (refused) return <p className="muted">{t(refused)}</p>;
  const change = Boolean(item.pendingChange);
  return (
    <Decision
      labels={change ? [t('review.applyChange'), t('review.rejectChange')] : [t('review.verify'), t('review.reject')]}
      pending={review.isPending}
      onDecide={async (positive, note) => {
        await review.mutateAsync({ id: item.id, decision: positive ? 'verify' : 'reject', note, ...(item.revision ? { revision: item.revision } : {}) });
        const title = item.title;
        const message = change
          ? positive
            ? t('review.done.changeVerified', { title })
            : t('review.done.changeRejected', { title })
          : positive
            ? t('review.done.verified', { title })
            : t('review.done.returned', { title });
        onDone({ message, href: `/evidence/${item.id}` });
        await invalidate.evidence();
      }}
    />
  );
}

/** Approve or return a proposed assessment, then say where it went. */
export function AssessmentDecision({ id, cell, onDone }: { id: string; cell: { iso3: string; recommendationKey: string }; onDone: (outcome: Outcome) => void }) {
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
        const values = { state: cell.iso3, recommendation: cell.recommendationKey };
        onDone({ message: positive ? t('review.done.approved', values) : t('review.done.assessmentReturned', values), href: `/states/${cell.iso3}` });
        await invalidate.assessments();
      }}
    />
  );
}

const changeFields = ['iso3', 'title', 'summary', 'kind', 'direction', 'sourceUrl', 'publisher', 'publishedOn', 'language', 'reliability', 'credibility', 'visibility', 'containsPersonalData', 'recommendationKeys', 'siteIds'] as const;

/** What a proposed change to a verified item would change, field by field: the verified version → the proposal. */
export function ProposedChange({ item }: { item: EvidenceItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const change = item.pendingChange;
  if (!change) return null;
  const current: Record<(typeof changeFields)[number], unknown> = {
    ...item,
    containsPersonalData: item.containsPersonalData ?? false,
    siteIds: item.sites.map((s) => s.id),
  };
  const siteName = new Map(item.sites.map((s) => [s.id, s.name]));
  const show = (field: (typeof changeFields)[number], value: unknown) => {
    if (Array.isArray(value)) return [...(value as string[])].map((v) => (field === 'siteIds' ? (siteName.get(v) ?? v) : v)).sort().join(', ') || '—';
    if (value === null || value === '') return '—';
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    return asText(value);
  };
  const changed = changeFields.filter((f) => show(f, current[f]) !== show(f, change.content[f]));
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
              <del aria-label={t('review.before')}>{show(field, current[field])}</del> → <ins aria-label={t('review.after')}>{show(field, change.content[field])}</ins>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
