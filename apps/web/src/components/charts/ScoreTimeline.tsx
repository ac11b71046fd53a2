import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import { ChartFrame } from './ChartFrame';
import { ScoreLine } from './index';
import type { ScorePoint } from './ScoreLine';

/** Score and coverage after each change, as a step chart on a time axis (held until `until`) with its table. */
export function ScoreTimeline({ title, points, until }: { title: string; points: ScorePoint[]; until?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ChartFrame
      title={title}
      empty={points.length === 0 ? <p className="muted">{t('overview.noHistory')}</p> : undefined}
      chart={<ScoreLine label={t('scorecard.score')} points={points} until={until} />}
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">{t('state.date')}</th>
              <th scope="col" className="num">{t('scorecard.score')}</th>
              <th scope="col" className="num">{t('scorecard.coverage')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.date}>
                <td>{format.date(p.date)}</td>
                <td className="num">{p.score === null ? '—' : format.number(p.score)}</td>
                <td className="num">{format.percent(p.coverage)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
