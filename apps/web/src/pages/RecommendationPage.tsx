import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { useFormat } from '../format';
import { useTRPC } from '../trpc';
import { NotFoundNotice } from './NotFoundPage';

export function RecommendationPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const recommendation = useQuery(trpc.catalogue.recommendation.queryOptions({ key }));

  const status = recommendation.error?.data?.httpStatus;
  if (status === 404 || status === 400) return <NotFoundNotice message={t('recommendation.notFound', { key })} />;

  return (
    <Loadable query={recommendation} skeleton={<SkeletonRows rows={6} />}>
      {(r) => (
        <article>
          <p className="muted">{t('recommendation.group', { key: r.groupKey, title: r.groupTitle })}</p>
          <h1>
            <span className="key">{r.key}</span> {r.title}
          </h1>
          <p className="lead">{r.paraphrase}</p>
          <p className="muted">{t('recommendation.paraphraseNote')}</p>
          <dl className="facts">
            <div>
              <dt>{t('recommendation.addressees')}</dt>
              <dd>{format.list(r.addressees.map((a) => t(`addressee.${a}`)))}</dd>
            </div>
            <div>
              <dt>{t('recommendation.sdgTargets')}</dt>
              <dd>{r.sdgTargets.length ? format.list(r.sdgTargets) : t('recommendation.sdgNone')}</dd>
            </div>
            <div>
              <dt>{t('recommendation.framework')}</dt>
              <dd>{r.frameworkTitle}</dd>
            </div>
            <div>
              <dt>{t('common.source')}</dt>
              <dd>
                <cite>{r.sourceLocator}</cite>
              </dd>
            </div>
          </dl>
          <p>
            <Link to="/">{t('common.backToOverview')}</Link>
          </p>
        </article>
      )}
    </Loadable>
  );
}
