import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EvidenceItem } from './EvidenceList';
import { useFormat } from '../format';

/**
 * What a judgement on an item rests on: its source (publisher, date, language), grades and
 * subject; for staff also who wrote it, whether it holds personal data and where review stands.
 */
export function EvidenceFacts({ item: e, compact = false }: { item: EvidenceItem; compact?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className={compact ? 'facts compact' : 'facts'}>
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
      {e.authorName ? (
        <div>
          <dt>{t('evidencePage.author')}</dt>
          <dd>
            {e.authorName}
            {e.submittedAt ? ` · ${t('evidencePage.submitted', { date: format.dateTime(e.submittedAt) })}` : ''}
          </dd>
        </div>
      ) : null}
      {e.fromIntake ? (
        <div>
          <dt>{t('evidencePage.fromIntake')}</dt>
          <dd>
            <Link to="/workspace/intake">{t('evidencePage.fromIntakeOn', { date: format.dateTime(e.fromIntake.receivedAt) })}</Link>
          </dd>
        </div>
      ) : null}
      {e.containsPersonalData !== undefined ? (
        <div>
          <dt>{t('evidencePage.personalData')}</dt>
          <dd>{e.containsPersonalData ? <strong className="tag tag-warn">{t('evidencePage.personalDataYes')}</strong> : t('evidencePage.personalDataNo')}</dd>
        </div>
      ) : null}
      {e.verifiedAt ? (
        <div>
          <dt>{t('evidencePage.verified')}</dt>
          <dd>
            {format.date(e.verifiedAt)}
            {e.reviewerName ? ` · ${e.reviewerName}` : ''}
          </dd>
        </div>
      ) : null}
      {e.reviewNote ? (
        <div>
          <dt>{t('evidencePage.reviewNote')}</dt>
          <dd>{e.reviewNote}</dd>
        </div>
      ) : null}
    </dl>
  );
}
