import { useTranslation } from 'react-i18next';
import type { Outputs } from '../api-types';
import { useFormat } from '../format';

/** How a score moved over the trend window, in a sentence ("Up 4 since 5 Sep 2026", "Unchanged since 1 Feb 2026"). */
export function TrendText({ trend }: { trend: Outputs['scorecards']['state']['trend'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (trend.direction === 'unknown') return t('scorecard.trendUnknown');
  // "Unchanged" dates from the score's last change, as the chart beside it shows, not from the
  // start of the comparison window (the score may have moved and come back within it).
  if (trend.direction === 'flat') return t('scorecard.trend.flat', { since: format.date(trend.unchangedSince ?? trend.since) });
  return t(`scorecard.trend.${trend.direction}`, { delta: format.number(Math.abs(trend.delta ?? 0)), since: format.date(trend.since) });
}
