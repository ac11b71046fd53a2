import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Outputs } from '../api-types';
import { useFormat } from '../format';
import { StatusBadge } from './Status';
import { StateLink } from '../catalogue-text';

type Matrix = Outputs['scorecards']['matrix'];

/**
 * States × recommendations, one cell per status, written out as well as coloured. The State and its
 * score come first and stay pinned on a phone while the recommendations scroll beside them.
 */
export function Heatmap({ matrix }: { matrix: Matrix }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cell = new Map(matrix.cells.map((c) => [`${c.iso3}|${c.recommendationKey}`, c]));
  const [showAll, setShowAll] = useState(false);
  const sorted = [...matrix.states].sort((a, b) => b.summary.assessed - a.summary.assessed || a.name.localeCompare(b.name));
  const unassessed = sorted.filter((s) => s.summary.assessed === 0).length;
  const rows = showAll ? sorted : sorted.filter((s) => s.summary.assessed > 0);
  return (
    <div className="table-wrap heatmap-wrap" tabIndex={0}>
      <table className="heatmap">
        <caption>{t('overview.heatmapCaption', { date: format.date(matrix.asOf) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('state.name')}</th>
            <th scope="col" className="num score-cell">
              {t('scorecard.score')}
            </th>
            {matrix.recommendations.map((r) => (
              <th scope="col" key={r.key}>
                <Link to={`/recommendations/${r.key}`} title={r.title}>
                  {r.key}
                </Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.iso3}>
              <th scope="row">
                <StateLink iso3={s.iso3} name={s.name} />
              </th>
              <td className="num score-cell">{s.summary.score === null ? t('status.none') : format.number(s.summary.score)}</td>
              {matrix.recommendations.map((r) => {
                const c = cell.get(`${s.iso3}|${r.key}`);
                return (
                  <td key={r.key} className="heat-cell">
                    <StatusBadge status={c?.status ?? null} short />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {unassessed > 0 ? (
        <p>
          <button type="button" className="secondary small" aria-expanded={showAll} onClick={() => setShowAll((v) => !v)}>
            {showAll ? t('overview.hideUnassessed') : t('overview.showUnassessed', { count: unassessed })}
          </button>
        </p>
      ) : null}
    </div>
  );
}
