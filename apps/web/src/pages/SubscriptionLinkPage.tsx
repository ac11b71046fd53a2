import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { FormError } from '../components/Form';
import { useErrorText } from '../error-text';
import { tokenFromHash } from '../session';
import { useTRPC } from '../trpc';

/**
 * A page a subscription link leads to: what pressing its button does, the button, and what
 * happened. The action takes a press, not just opening the page, so a mail scanner that opens every
 * link neither subscribes nor unsubscribes anyone.
 */
function LinkAction<T>({ title, intro, button, act, done, back }: { title: string; intro: string; button: string; act: { mutate: (token: string) => void; isPending: boolean; isSuccess: boolean; error: { message: string } | null; data: T | undefined }; done: (data: T) => ReactNode; back: ReactNode }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const hash = useLocation().hash;
  // In the query as mail sends it, or in the fragment.
  const token = params.get('token') ?? tokenFromHash(hash);
  const errorText = useErrorText();
  return (
    <section className="narrow">
      <h1>{title}</h1>
      {!token ? (
        <div className="notice notice-error" role="alert">
          {t('subscribe.noToken')}
        </div>
      ) : act.isSuccess && act.data !== undefined ? (
        <div className="notice" role="status">
          {done(act.data)}
        </div>
      ) : (
        <>
          <FormError message={act.error ? errorText(act.error) : null} />
          <p>{intro}</p>
          <button type="button" disabled={act.isPending} onClick={() => act.mutate(token)}>
            {button}
          </button>
        </>
      )}
      <p>{back}</p>
    </section>
  );
}

export function ConfirmSubscriptionPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const confirm = useMutation(trpc.subscriptions.confirm.mutationOptions());
  return (
    <LinkAction
      title={t('subscribe.confirmTitle')}
      intro={t('subscribe.confirmIntro')}
      button={t('subscribe.confirm')}
      act={{ ...confirm, mutate: (token) => confirm.mutate({ token }) }}
      done={(data) => (
        <>
          {data.iso3 ? t('subscribe.confirmedState', { state: t(`place.${data.iso3}`, { defaultValue: data.iso3 }) }) : t('subscribe.confirmedAll')} {t('subscribe.stopAnyTime')}
        </>
      )}
      back={<Link to="/">{t('subscribe.toOverview')}</Link>}
    />
  );
}

export function UnsubscribePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const stop = useMutation(trpc.subscriptions.unsubscribe.mutationOptions());
  return (
    <LinkAction
      title={t('subscribe.unsubscribeTitle')}
      intro={t('subscribe.unsubscribeIntro')}
      button={t('subscribe.unsubscribe')}
      act={{ ...stop, mutate: (token) => stop.mutate({ token }) }}
      done={() => t('subscribe.unsubscribed')}
      back={<Link to="/subscriptions">{t('subscribe.again')}</Link>}
    />
  );
}
