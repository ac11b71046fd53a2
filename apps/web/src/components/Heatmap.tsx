import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Outputs } from '../api-types';
import { useFormat } from '../format';
import { StatusBadge } from './Status';
import { statusScore } from '@tracker/domain';
import { assessmentStatuses } from '@tracker/domain/vocabulary';
import { CatalogueText, StateLink, useCatalogueText } from '../catalogue-text';

type Matrix = Outputs['scorecards']['matrix'];

/**
 * States × recommendations, one cell per status, written out as well as coloured. The State and its
 * score come first and stay pinned on a phone while the recommendations scroll beside them.
 */
export function Heatmap({ matrix }: { matrix: Matrix }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cell = new Map(matrix.cells.map((c) => [`${c.iso3}|${c.recommendationKey}`, c]));
  const text = useCatalogueText();
  const id = useId();
  // The order and whether unassessed States show are in the address, so a view can be shared.
  const [params, setParams] = useSearchParams();
  const order = params.get('sort') === 'name' ? 'name' : 'score';
  const showAll = params.get('all') === '1';
  const setParam = (name: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  const nameOf = (s: Matrix['states'][number]) => text('state', s.iso3, 'name', s.name).text;
  const byName = (a: Matrix['states'][number], b: Matrix['states'][number]) => nameOf(a).localeCompare(nameOf(b));
  const sorted = [...matrix.states].sort((a, b) =>
    order === 'name' ? byName(a, b) : (b.summary.score ?? -1) - (a.summary.score ?? -1) || b.summary.assessed - a.summary.assessed || byName(a, b),
  );
  const unassessed = sorted.filter((s) => s.summary.assessed === 0).length;
  const rows = showAll ? sorted : sorted.filter((s) => s.summary.assessed > 0);
  return (
    <>
    <div className="heatmap-controls no-print">
      <label htmlFor={`${id}-sort`}>{t('overview.sortBy')}</label>{' '}
      <select id={`${id}-sort`} value={order} onChange={(event) => setParam('sort', event.target.value === 'name' ? 'name' : null)}>
        <option value="score">{t('overview.sortScore')}</option>
        <option value="name">{t('overview.sortName')}</option>
      </select>
    </div>
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
                <Link to={`/recommendations/${r.key}`}>
                  <span className="key">{r.key}</span>
                  <span className="heat-title">
                    <CatalogueText entity="recommendation" id={r.key} field="title" english={r.title} />
                  </span>
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
          <button type="button" className="secondary small" aria-expanded={showAll} onClick={() => setParam('all', showAll ? null : '1')}>
            {showAll ? t('overview.hideUnassessed') : t('overview.showUnassessed', { count: unassessed })}
          </button>
        </p>
      ) : null}
    </div>
    </>
  );
}

/** What each colour of the matrix means, with the score each status counts for. */
export function StatusLegend() {
  const { t } = useTranslation();
  return (
    <div className="status-legend" role="group" aria-label={t('overview.legend')}>
      <span className="small muted">{t('overview.legend')}</span>
      <ul>
        {assessmentStatuses.map((status) => {
          const score = statusScore[status];
          return (
            <li key={status}>
              <StatusBadge status={status} short /> <span className="small muted">{score === null ? t('overview.legendExcluded') : t('overview.legendScore', { score })}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
