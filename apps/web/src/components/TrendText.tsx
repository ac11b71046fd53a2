import { useTranslation } from 'react-i18next';
import type { Outputs } from '../api-types';
import { useFormat } from '../format';

/** How a score moved over the trend window, in a sentence ("Up 4 since 5 Sep 2026"). */
export function TrendText({ trend }: { trend: Outputs['scorecards']['state']['trend'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return trend.direction === 'unknown'
    ? t('scorecard.trendUnknown')
    : t(`scorecard.trend.${trend.direction}`, { delta: format.number(Math.abs(trend.delta ?? 0)), since: format.date(trend.since) });
}
