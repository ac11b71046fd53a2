import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';

/** The date of the last change to an assessment in force on or before the as-of date, when there is one. */
export function LastUpdated({ points, asOf, text }: { points: { date: string }[] | undefined; asOf: string; text: 'overview.lastUpdated' | 'state.lastUpdated' }) {
  const { t } = useTranslation();
  const format = useFormat();
  const last = points?.filter((p) => p.date <= asOf).at(-1);
  return last ? <p className="small muted">{t(text, { date: format.date(last.date) })}</p> : null;
}
