import { previewableMediaTypes } from '@tracker/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import type { EvidenceItem } from './EvidenceList';
import { useFormat } from '../format';

const previewable = (mediaType: string) => (previewableMediaTypes as readonly string[]).includes(mediaType);

/**
 * An item's files: each a download with its size and fingerprint, and images and PDFs shown in
 * place (served under the same access rules as the item, only inside the dashboard).
 */
export function Attachments({ item }: { item: Pick<EvidenceItem, 'id' | 'attachments'> }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (item.attachments.length === 0) return <p className="muted">{t('evidencePage.noAttachments')}</p>;
  return (
    <ul className="files">
      {item.attachments.map((a) => {
        const href = `/api/evidence/${item.id}/attachments/${a.sha256}`;
        return (
          <li key={a.sha256}>
            <a href={href} download={a.filename}>
              {a.filename}
            </a>{' '}
            <span className="muted">
              ({a.mediaType}, {format.bytes(a.size)})
            </span>
            <div className="hash">
              SHA-256 <code>{a.sha256}</code>
            </div>
            {previewable(a.mediaType) ? (
              a.mediaType === 'application/pdf' ? (
                <iframe className="file-preview file-preview-pdf" src={`${href}?preview`} title={t('evidencePage.previewOf', { name: a.filename })} loading="lazy" />
              ) : (
                <img className="file-preview" src={`${href}?preview`} alt={t('evidencePage.previewOf', { name: a.filename })} loading="lazy" decoding="async" />
              )
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
