import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { useFormat } from '../format';
import { useTRPC } from '../trpc';
import { CommitmentTable } from './CommitmentTable';
import { latestReplies, ReplyCard, replyAnchor } from './Replies';

/** Due soon or overdue on the page's date. */
const fallingDue = (c: { state: string | null }) => c.state === 'due_soon' || c.state === 'overdue';

interface Filter {
  iso3?: string;
  recommendationKey?: string;
}

/**
 * A State's commitments (or a recommendation's, or the region's falling due and overdue) with their
 * state on the page's date, and where the open data has them. Accepted ones only, whoever is signed
 * in: staff see entries awaiting review in their workspace, never on the public pages.
 */
export function CommitmentsSection({ filter, asOf, dueOnly = false }: { filter: Filter; asOf: string; dueOnly?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const list = useQuery(trpc.commitments.list.queryOptions({ ...filter, asOf, reviewState: 'accepted' }));
  const id = `commitments-heading-${dueOnly ? 'due' : 'all'}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{dueOnly ? t('commitments.dueTitle') : t('commitments.title')}</h2>
      <Loadable
        query={list}
        skeleton={<SkeletonRows rows={3} />}
        isEmpty={(rows) => (dueOnly ? !rows.some(fallingDue) : rows.length === 0)}
        empty={<p className="muted">{dueOnly ? t('commitments.noneDue', { date: format.date(asOf) }) : t('commitments.none')}</p>}
      >
        {(rows) => {
          const shown = dueOnly ? rows.filter(fallingDue).sort((a, b) => (a.state === b.state ? 0 : a.state === 'overdue' ? -1 : 1)) : rows;
          return <CommitmentTable rows={shown} caption={t('commitments.caption', { date: format.date(asOf) })} withState={!filter.iso3} />;
        }}
      </Loadable>
      <p className="small no-print">
        <Link to="/data">{t('commitments.openData')}</Link>
      </p>
    </section>
  );
}

/** The newest accepted reply of the State (or of each State) per recommendation, as of the page's date. */
export function RepliesSection({ filter, asOf }: { filter: Filter; asOf: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const list = useQuery(trpc.replies.list.queryOptions({ ...filter, reviewState: 'accepted' }));
  return (
    <section aria-labelledby="replies-heading">
      <h2 id="replies-heading">{t('replies.title')}</h2>
      <p className="muted small">{t('replies.intro')}</p>
      <Loadable query={list} skeleton={<SkeletonRows rows={2} />} isEmpty={(rows) => latestReplies(rows, asOf).size === 0} empty={<p className="muted">{t('replies.none')}</p>}>
        {(rows) => (
          <ul className="plain">
            {[...latestReplies(rows, asOf).values()].map((r) => (
              <li key={r.id} id={replyAnchor(r)}>
                {filter.iso3 ? (
                  <h3 className="small">
                    <Link to={`/recommendations/${r.recommendationKey}`}>{r.recommendationKey}</Link>
                  </h3>
                ) : null}
                <ReplyCard reply={r} withState={!filter.iso3} />
              </li>
            ))}
          </ul>
        )}
      </Loadable>
    </section>
  );
}
