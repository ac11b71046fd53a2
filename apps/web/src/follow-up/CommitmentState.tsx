import type { CommitmentState } from '@tracker/domain/vocabulary';
import { useTranslation } from 'react-i18next';

const tone: Record<CommitmentState, string> = {
  open: 'tag',
  due_soon: 'tag tag-warn',
  overdue: 'tag tag-overdue',
  met: 'tag tag-met',
  withdrawn: 'tag',
};

/** A commitment's state in words (never by colour alone); an overdue one also carries a mark. */
export function CommitmentStateTag({ state }: { state: CommitmentState | null }) {
  const { t } = useTranslation();
  if (!state) return <span className="tag">{t('commitments.awaitingReview')}</span>;
  return (
    <span className={tone[state]}>
      {state === 'overdue' ? '! ' : state === 'met' ? '✓ ' : ''}
      {t(`commitments.state.${state}`)}
    </span>
  );
}
