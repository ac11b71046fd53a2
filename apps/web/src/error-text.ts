import { useTranslation } from 'react-i18next';

/**
 * What to show for an error from the server. Its text is English; in another language the reader
 * first gets a sentence in their language for the error's kind (its tRPC code, or no answer at all),
 * then the server's own detail.
 */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => {
    const message = error instanceof Error ? error.message : String(error);
    if (i18n.language === 'en') return message;
    const code = (error as { data?: { code?: string } } | null)?.data?.code;
    const kind = code && i18n.exists(`serverError.${code}`) ? code : 'network';
    return t('serverError.withDetail', { sentence: t(`serverError.${kind}` as 'serverError.network'), detail: message });
  };
}
