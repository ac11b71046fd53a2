import { useMutation } from '@tanstack/react-query';
import { subscribeInput } from '@tracker/domain';
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useStateChoices } from '../catalogue-choices';
import { Field, FormError, Select, useCheckedSubmit } from '../components/Form';
import { LanguageOptions } from '../components/LanguageOptions';
import { formText } from '../form-data';
import { useTRPC } from '../trpc';

/**
 * Mail for anyone, no account needed: about one State or all of them, confirmed by a link sent to
 * the address before anything else is sent. The page says what is kept and how to stop.
 */
export function SubscribePage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const states = useStateChoices();
  const send = useMutation(trpc.subscriptions.subscribe.mutationOptions());
  const { errors, formError, run } = useCheckedSubmit();
  const chosen = params.get('iso3')?.toUpperCase() ?? '';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const iso3 = formText(form, 'iso3');
    await run(subscribeInput.safeParse({ email: formText(form, 'email'), iso3: iso3 || null, language: formText(form, 'language') }), (data) => send.mutateAsync(data));
  }

  return (
    <section className="narrow">
      <h1>{t('subscribe.title')}</h1>
      <p className="lead">{t('subscribe.intro')}</p>
      {send.isSuccess ? (
        <div className="notice" role="status">
          <p>
            <strong>{t('subscribe.sent', { email: send.variables.email })}</strong>
          </p>
          <p>{t('subscribe.sentHint')}</p>
        </div>
      ) : (
        <>
          <FormError message={formError} />
          <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('subscribe.title')}>
            <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required maxLength={254} error={errors['email']} />
            <Select
              label={t('subscribe.about')}
              name="iso3"
              defaultValue={chosen}
              key={states.length > 0 ? 'loaded' : 'loading'}
              placeholder={t('subscribe.allStates')}
              options={states}
              error={errors['iso3']}
            />
            <div className="field">
              <label htmlFor="subscribe-language">{t('account.mailLanguage')}</label>
              <select id="subscribe-language" name="language" defaultValue={i18n.language}>
                <LanguageOptions />
              </select>
            </div>
            <button type="submit" disabled={send.isPending}>
              {t('subscribe.submit')}
            </button>
          </form>
        </>
      )}
      <h2>{t('subscribe.keptTitle')}</h2>
      <p>{t('subscribe.kept')}</p>
    </section>
  );
}
