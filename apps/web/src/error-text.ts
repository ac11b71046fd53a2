import { useTranslation } from 'react-i18next';

const known = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;
type Known = (typeof known)[number];

/**
 * What to show for an error from the server. Its text is English; in another language the reader
 * first gets a sentence in their language from the error's kind, then the server's own detail.
 */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => {
    const message = error instanceof Error ? error.message : String(error);
    if (i18n.language === 'en') return message;
    const code = (error as { data?: { code?: string } } | null)?.data?.code;
    const kind: Known | 'network' = known.includes(code as Known) ? (code as Known) : 'network';
    return t('serverError.withDetail', { sentence: t(`serverError.${kind}`), detail: message });
  };
}
