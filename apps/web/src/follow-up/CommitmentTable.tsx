import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Outputs } from '../api-types';
import { StateLink } from '../catalogue-text';
import { TableWrap } from '../components/TableWrap';
import { useFormat } from '../format';
import { CommitmentStateTag } from './CommitmentState';

export type Commitment = Outputs['commitments']['list'][number];

/** Commitments with their deadline and state on the page's date; the State column where several are shown. */
export function CommitmentTable({ rows, caption, withState = false }: { rows: readonly Commitment[]; caption: string; withState?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <TableWrap>
      <table className="commitments">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {withState ? <th scope="col">{t('state.name')}</th> : null}
            <th scope="col">{t('commitments.what')}</th>
            <th scope="col">{t('commitments.dueBy')}</th>
            <th scope="col">{t('commitments.stateHeading')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              {withState ? (
                <th scope="row">
                  <StateLink iso3={c.iso3} name={c.iso3} />
                </th>
              ) : null}
              <td>
                <p className="commitment-text">{c.text}</p>
                <p className="muted small">
                  {t('commitments.madeOn', { date: format.date(c.madeOn) })} ·{' '}
                  {c.recommendationKeys.map((key, i) => (
                    <span key={key}>
                      {i > 0 ? ', ' : ''}
                      <Link to={`/recommendations/${key}`}>{key}</Link>
                    </span>
                  ))}{' '}
                  ·{' '}
                  <a href={c.sourceUrl} rel="noopener noreferrer nofollow">
                    {t('common.source')}
                  </a>
                </p>
                {c.answer ? <p className="small tracker-answer">{t('followUp.trackerAnswer', { answer: c.answer })}</p> : null}
                {c.withdrawalReason ? <p className="small">{t('commitments.withdrawnBecause', { reason: c.withdrawalReason })}</p> : null}
              </td>
              <td>{c.dueBy ? format.date(c.dueBy) : <span className="muted">{t('commitments.noDeadline')}</span>}</td>
              <td>
                <CommitmentStateTag state={c.state} />
                {c.metOn ? (
                  <div className="small">
                    {t('commitments.metOn', { date: format.date(c.metOn) })}{' '}
                    {c.evidenceIds.map((id, i) => (
                      <Link key={id} to={`/evidence/${id}`}>
                        {t('commitments.evidenceLink', { n: i + 1 })}
                      </Link>
                    ))}
                  </div>
                ) : null}
                {c.withdrawnOn ? <div className="small">{t('commitments.withdrawnOn', { date: format.date(c.withdrawnOn) })}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
