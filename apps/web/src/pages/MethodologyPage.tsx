import { marked } from 'marked';
import { useTranslation } from 'react-i18next';
import methodology from '../../../../docs/methodology.md?raw';

// The page is the project's own document, rendered as it is versioned in docs/methodology.md.
const html = marked.parse(methodology, { async: false });

export function MethodologyPage() {
  const { t } = useTranslation();
  return (
    <article className="prose" aria-label={t('methodology.title')}>
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}
