import { useQueries, useQuery } from '@tanstack/react-query';
import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Outputs } from '../api-types';
import { todayIso, useDateParam } from '../as-of';
import { CatalogueText, useCatalogueText } from '../catalogue-text';
import { ScoreComparison } from '../components/charts';
import { AsOfControl } from '../components/AsOfControl';
import { SkeletonRows } from '../components/Loadable';
import { StatusBadge } from '../components/Status';
import { TrendText } from '../components/TrendText';
import { useFormat } from '../format';
import { useTRPC } from '../trpc';

export const MIN_COMPARED = 2;
export const MAX_COMPARED = 5;

/** The States in the address (`?states=KHM,THA,MMR`): upper-cased, each once, in the order given. */
export function comparedStates(param: string | null): string[] {
  const codes = (param ?? '').split(',').map((s) => s.trim().toUpperCase()).filter((s) => /^[A-Z]{3}$/.test(s));
  return [...new Set(codes)];
}

type Card = Outputs['scorecards']['state'];

/**
 * Two to five States side by side, per recommendation, as of a date, with each State's score and
 * trend. The choice lives in the address, so a comparison can be shared.
 */
export function ComparePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const text = useCatalogueText();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const [asOf, setAsOf, asOfSet] = useDateParam('asOf', todayIso());
  const states = useQuery(trpc.states.list.queryOptions());
  const wanted = comparedStates(params.get('states'));
  const known = states.data ? wanted.filter((c) => states.data.some((s) => s.iso3 === c)) : wanted;
  const unknown = states.data ? wanted.filter((c) => !known.includes(c)) : [];
  const chosen = known.slice(0, MAX_COMPARED);
  const cards = useQueries({ queries: chosen.map((iso3) => trpc.scorecards.state.queryOptions({ iso3, asOf })) });
  const timelines = useQueries({ queries: chosen.map((iso3) => trpc.scorecards.timeline.queryOptions({ iso3 })) });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const picked = new FormData(event.currentTarget).getAll('state').map(String);
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (picked.length) next.set('states', picked.join(','));
      else next.delete('states');
      return next;
    });
  }

  const ready = cards.length > 0 && cards.every((c) => c.data);
  const failed = cards.find((c) => c.error);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('compare.title')}</h1>
          <p className="lead">{t('compare.intro', { min: MIN_COMPARED, max: MAX_COMPARED })}</p>
        </div>
        <div className="no-print">
          <AsOfControl value={asOf} onChange={setAsOf} isSet={asOfSet} />
        </div>
      </div>
      <form className="compare-picker" onSubmit={submit} key={`${params.get('states') ?? ''}|${states.isSuccess}`}>
        <fieldset>
          <legend>{t('compare.choose', { min: MIN_COMPARED, max: MAX_COMPARED })}</legend>
          <div className="check-grid">
            {(states.data ?? []).map((s) => (
              <label key={s.iso3} className="check">
                <input type="checkbox" name="state" value={s.iso3} defaultChecked={chosen.includes(s.iso3)} />{' '}
                <CatalogueText entity="state" id={s.iso3} field="name" english={s.name} />
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" id={`${id}-compare`}>
          {t('compare.apply')}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {unknown.length > 0 ? <p className="notice">{t('compare.unknown', { codes: unknown.join(', ') })}</p> : null}
        {known.length > MAX_COMPARED ? <p className="notice">{t('compare.tooMany', { max: MAX_COMPARED })}</p> : null}
        {chosen.length < MIN_COMPARED ? <p className="muted">{t('compare.tooFew', { min: MIN_COMPARED })}</p> : null}
      </div>
      {chosen.length >= MIN_COMPARED ? (
        failed ? (
          <p className="notice" role="alert">
            {t('compare.failed')}
          </p>
        ) : ready ? (
          <>
            <CompareTable cards={cards.map((c) => c.data as Card)} />
            {timelines.some((tl) => tl.error) ? (
              <p className="notice" role="alert">
                {t('compare.failed')}
              </p>
            ) : timelines.every((tl) => tl.data) ? (
              <ScoreComparison
                title={t('scorecard.history')}
                until={asOf}
                series={chosen.map((iso3, i) => ({
                  name: text('state', iso3, 'name', (cards[i]?.data as Card).name).text,
                  points: (timelines[i]?.data?.points ?? []).filter((p) => p.date <= asOf),
                }))}
              />
            ) : (
              <div className="skeleton skeleton-block" />
            )}
          </>
        ) : (
          <SkeletonRows rows={8} />
        )
      ) : null}
    </>
  );
}

function CompareTable({ cards }: { cards: Card[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const recommendations = cards[0]?.recommendations ?? [];
  return (
    <div className="table-wrap compare-table" tabIndex={0}>
      <table>
        <caption>{t('compare.caption', { date: format.date(cards[0]?.asOf ?? todayIso()) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('overview.recommendation')}</th>
            {cards.map((c) => (
              <th scope="col" key={c.iso3}>
                <Link to={`/states/${c.iso3}`}>
                  <CatalogueText entity="state" id={c.iso3} field="name" english={c.name} />
                </Link>
              </th>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('scorecard.score')}</th>
            {cards.map((c) => (
              <td key={c.iso3} className="compare-score">
                <span className="big-number">{c.score === null ? t('compare.notAssessed') : format.number(c.score)}</span>
                {c.score === null ? null : <span className="muted"> / 100</span>}
                <div className="small">
                  <TrendText trend={c.trend} />
                </div>
              </td>
            ))}
          </tr>
        </thead>
        <tbody>
          {recommendations.map((r) => (
            <tr key={r.recommendationKey}>
              <th scope="row">
                <Link to={`/recommendations/${r.recommendationKey}`}>
                  <span className="key">{r.recommendationKey}</span> <CatalogueText entity="recommendation" id={r.recommendationKey} field="title" english={r.title} />
                </Link>
              </th>
              {cards.map((c) => {
                const cell = c.recommendations.find((x) => x.recommendationKey === r.recommendationKey);
                return (
                  <td key={c.iso3} data-state={c.iso3}>
                    <StatusBadge status={cell?.status ?? null} />
                    {cell?.effectiveFrom ? <div className="muted small">{t('scorecard.since', { date: format.date(cell.effectiveFrom) })}</div> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
