import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format';
import { ChartFrame } from './ChartFrame';
import { ScoreLine } from './index';
import type { ScorePoint, ScoreSeries } from './ScoreLine';

/** Score and coverage after each change, as a step chart on a time axis (held until `until`) with its table. */
export function ScoreTimeline({ title, points, until }: { title: string; points: ScorePoint[]; until?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ChartFrame
      title={title}
      empty={points.length === 0 ? <p className="muted">{t('overview.noHistory')}</p> : undefined}
      chart={<ScoreLine series={[{ name: t('scorecard.score'), points }]} until={until} />}
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

/** The score held on `date`: the last change on or before it. */
const heldOn = (points: ScorePoint[], date: string) => points.filter((p) => p.date <= date).at(-1)?.score ?? null;

/** Several scores over time on one time axis (States compared), with their table: each date, each score then. */
export function ScoreComparison({ title, series, until }: { title: string; series: ScoreSeries[]; until?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const dates = [...new Set(series.flatMap((s) => s.points.map((p) => p.date)))].sort();
  return (
    <ChartFrame
      title={title}
      empty={dates.length === 0 ? <p className="muted">{t('overview.noHistory')}</p> : undefined}
      chart={<ScoreLine series={series} until={until} />}
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">{t('state.date')}</th>
              {series.map((s) => (
                <th scope="col" className="num" key={s.name}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dates.map((date) => (
              <tr key={date}>
                <td>{format.date(date)}</td>
                {series.map((s) => {
                  const score = heldOn(s.points, date);
                  return (
                    <td className="num" key={s.name}>
                      {score === null ? t('compare.notAssessed') : format.number(score)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
