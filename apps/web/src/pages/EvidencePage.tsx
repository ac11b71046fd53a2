import { useQuery } from '@tanstack/react-query';
import { lifecycleOfView, mayEraseEvidence } from '@tracker/domain';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { useMe } from '../session';
import { useFormat } from '../format';
import { useTRPC } from '../trpc';
import { NotFoundNotice } from './NotFoundPage';
import { usePageTitle } from '../page-title';

// Only administrators erase, and its form brings the input schemas: loaded when shown.
const EraseEvidence = lazy(() => import('./EraseEvidence').then((m) => ({ default: m.EraseEvidence })));

export function EvidencePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const item = useQuery(trpc.evidence.get.queryOptions({ id }));
  const me = useMe();
  usePageTitle(item.data ? (item.data.erasure ? t('evidencePage.erasedTitle') : item.data.title) : undefined);
  const status = item.error?.data?.httpStatus;
  if (status === 404 || status === 400) return <NotFoundNotice message={t('evidencePage.notFound')} />;

  return (
    <Loadable query={item} skeleton={<SkeletonRows rows={8} />}>
      {(e) => (
        <article>
          <p className="evidence-meta">
            <span className="tag">{t(`kind.${e.kind}`)}</span>
            <span className={`tag direction-tag-${e.direction}`}>{t(`direction.${e.direction}`)}</span>
            <span className="tag">{t(`visibility.${e.visibility}`)}</span>
            <span className="tag">{t(`evidenceStatus.${e.status}`)}</span>
            {e.isDemo ? <span className="tag tag-demo">{t('common.demo')}</span> : null}
          </p>
          <h1>{e.erasure ? t('evidencePage.erasedTitle') : e.title}</h1>
          {e.erasure ? (
            <div className="notice notice-error" role="note">
              <strong>{t('evidencePage.erasedOn', { date: format.date(e.erasure.at) })}</strong> {e.erasure.reason}
            </div>
          ) : null}
          {e.retraction ? (
            <div className="notice notice-error" role="note">
              <strong>{t('evidencePage.retractedOn', { date: format.date(e.retraction.at) })}</strong> {e.retraction.reason}
            </div>
          ) : null}
          <p className="lead">{e.summary}</p>
          <dl className="facts">
            <div>
              <dt>{t('evidencePage.source')}</dt>
              <dd>
                {e.sourceUrl ? (
                  <a href={e.sourceUrl} rel="noopener noreferrer nofollow" target="_blank">
                    {e.publisher ?? e.sourceUrl}
                  </a>
                ) : (
                  (e.publisher ?? '—')
                )}
                {e.publishedOn ? ` · ${t('evidencePage.published', { date: format.date(e.publishedOn) })}` : ''}
                {` · ${t('evidencePage.language', { language: e.language })}`}
              </dd>
            </div>
            <div>
              <dt>{t('evidencePage.grading')}</dt>
              <dd>
                <strong>
                  {e.reliability}
                  {e.credibility}
                </strong>{' '}
                — {t(`reliability.${e.reliability}`)}; {t(`credibility.${e.credibility as 1 | 2 | 3 | 4 | 5 | 6}`)}
              </dd>
            </div>
            <div>
              <dt>{t('evidencePage.about')}</dt>
              <dd>
                <Link to={`/states/${e.iso3}`}>{e.iso3}</Link> ·{' '}
                {e.recommendationKeys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? ', ' : ''}
                    <Link to={`/recommendations/${k}`}>{k}</Link>
                  </span>
                ))}
                {e.sites.length ? ` · ${e.sites.map((s) => s.name).join(', ')}` : ''}
              </dd>
            </div>
            {e.verifiedAt ? (
              <div>
                <dt>{t('evidencePage.verified')}</dt>
                <dd>{format.date(e.verifiedAt)}</dd>
              </div>
            ) : null}
          </dl>
          <section aria-labelledby="files-heading">
            <h2 id="files-heading">{t('evidencePage.attachments')}</h2>
            {e.attachments.length === 0 ? (
              <p className="muted">{t('evidencePage.noAttachments')}</p>
            ) : (
              <ul className="files">
                {e.attachments.map((a) => (
                  <li key={a.sha256}>
                    <a href={`/api/evidence/${e.id}/attachments/${a.sha256}`} download={a.filename}>
                      {a.filename}
                    </a>{' '}
                    <span className="muted">
                      ({a.mediaType}, {format.bytes(a.size)})
                    </span>
                    <div className="hash">
                      SHA-256 <code>{a.sha256}</code>
                    </div>
                  </li>
                ))}
              </ul>
            )}
            <p className="muted small">{t('evidencePage.hashNote')}</p>
          </section>
          {me.data && mayEraseEvidence(lifecycleOfView(e), me.data).allowed ? (
            <Suspense fallback={null}>
              <EraseEvidence id={e.id} />
            </Suspense>
          ) : null}
        </article>
      )}
    </Loadable>
  );
}
