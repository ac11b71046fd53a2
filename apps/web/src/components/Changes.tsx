import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Outputs } from '../api-types';
import { StatusBadge } from './Status';

const arrow = { up: '▲', down: '▼', assessed: '●', unassessed: '○', same: '' } as const;

export function ChangeList({ changes }: { changes: Outputs['scorecards']['changes']['changes'] }) {
  const { t } = useTranslation();
  return (
    <ul className="changes">
      {changes.map((c) => (
        <li key={`${c.iso3}|${c.recommendationKey}`} className={`change change-${c.movement}`}>
          <p>
            <span className="movement" aria-hidden="true">
              {arrow[c.movement]}
            </span>{' '}
            <strong>
              <Link to={`/states/${c.iso3}`}>{c.stateName}</Link> · <Link to={`/recommendations/${c.recommendationKey}`}>{c.recommendationKey}</Link>
            </strong>{' '}
            <span className="visually-hidden">{t(`movement.${c.movement}`)}</span>
            <StatusBadge status={c.from} short /> → <StatusBadge status={c.to} short />
          </p>
          {c.why ? <p className="muted">{c.why.rationale}</p> : null}
        </li>
      ))}
    </ul>
  );
}
