import { useQuery } from '@tanstack/react-query';
import { marked } from 'marked';
import { useTranslation } from 'react-i18next';
import english from '../../../../docs/methodology.md?raw';
import { SkeletonRows } from '../components/Loadable';

// The page is the project's own document as it is versioned: docs/methodology.md, and beside it the
// tracker's translation into each interface language (docs/methodology/<tag>.md), loaded on demand.
const translations = import.meta.glob<string>('../../../../docs/methodology/*.md', { query: '?raw', import: 'default' });
const translationOf = (tag: string) => translations[`../../../../docs/methodology/${tag}.md`];

export function MethodologyPage() {
  const { t, i18n } = useTranslation();
  const load = translationOf(i18n.language);
  const text = useQuery({
    queryKey: ['methodology', i18n.language],
    queryFn: async () => (load ? await load() : english),
    enabled: Boolean(load),
    staleTime: Infinity,
  });
  // A translation that cannot be loaded (offline) leaves the English text, the reference, in its place.
  const markdown = load ? (text.data ?? (text.isError ? english : undefined)) : english;
  return (
    <article className="prose" aria-label={t('methodology.title')} aria-busy={markdown === undefined}>
      {markdown === undefined ? <SkeletonRows rows={12} /> : <div dangerouslySetInnerHTML={{ __html: marked.parse(markdown, { async: false }) }} />}
    </article>
  );
}
