import { changePasswordInput, fieldLimits, mailPreferencesInput, mailTopics, totpDisableInput, totpEnableInput } from '@tracker/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useCheckedSubmit } from '../components/Form';
import { LanguageOptions } from '../components/LanguageOptions';
import { Following } from './Following';
import { RouteGuard } from '../components/RouteGuard';
import { useMayCall, type Me } from '../session';
import { useInvalidate } from '../invalidate';
import { useTRPC } from '../trpc';

export function AccountPage() {
  return (
    <RouteGuard needs="auth.changePassword" denied={null}>
      {(me) => <Account me={me} />}
    </RouteGuard>
  );
}

function Account({ me }: { me: Me }) {
  const { t } = useTranslation();
  const may = useMayCall();
  return (
    <section className="narrow">
      <h1>{t('account.title')}</h1>
      <dl className="facts">
        <div>
          <dt>{t('auth.name')}</dt>
          <dd>{me.displayName}</dd>
        </div>
        <div>
          <dt>{t('auth.email')}</dt>
          <dd>{me.email}</dd>
        </div>
        <div>
          <dt>{t('account.role')}</dt>
          <dd>{t(`role.${me.role}`)}</dd>
        </div>
      </dl>
      {/* Those who may log evidence may read confidential items, and those reads are logged. */}
      {may('evidence.create') ? (
        <p className="notice" role="note">
          {t('account.readsLogged')}
        </p>
      ) : null}
      <Notices />
      <Following />
      <TwoFactor enabled={me.totpEnabled} />
      <ChangePassword />
    </section>
  );
}

function TwoFactor({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const setup = useMutation(trpc.auth.totpSetup.mutationOptions());
  const enable = useMutation(trpc.auth.totpEnable.mutationOptions());
  const disable = useMutation(trpc.auth.totpDisable.mutationOptions());
  const { errors, formError, run } = useCheckedSubmit();

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = new FormData(event.currentTarget).get('code');
    const ok = await run(totpEnableInput.safeParse({ secret: setup.data?.secret, code }), (d) => enable.mutateAsync(d));
    if (ok) {
      setup.reset();
      await invalidate.session();
    }
  }
  async function turnOff(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = totpDisableInput.safeParse({ code: form.get('code'), currentPassword: form.get('currentPassword') });
    if (await run(input, (d) => disable.mutateAsync(d))) await invalidate.session();
  }

  return (
    <section aria-labelledby="totp-heading">
      <h2 id="totp-heading">{t('account.totpTitle')}</h2>
      <FormError message={formError} />
      {enabled ? (
        <>
          <p>{t('account.totpOn')}</p>
          <form onSubmit={(e) => void turnOff(e)} noValidate>
            <p className="muted">{t('account.totpDisableNote')}</p>
            <Field label={t('account.currentPassword')} name="currentPassword" type="password" autoComplete="current-password" error={errors['currentPassword']} />
            <Field label={t('auth.totpCode')} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={fieldLimits.totpCode} error={errors['code']} />
            <button type="submit" className="secondary">
              {t('account.totpDisable')}
            </button>
          </form>
        </>
      ) : setup.data ? (
        <>
          <p>{t('account.totpScan')}</p>
          <p>
            <code className="secret" aria-label={t('account.totpSecret')}>
              {setup.data.secret.match(/.{1,4}/g)?.join(' ')}
            </code>
          </p>
          <p>
            <a href={setup.data.uri}>{t('account.totpOpenApp')}</a>
          </p>
          <form onSubmit={(e) => void confirm(e)} noValidate>
            <Field label={t('auth.totpCode')} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={fieldLimits.totpCode} required error={errors['code']} />
            <button type="submit">{t('account.totpConfirm')}</button>
          </form>
        </>
      ) : (
        <>
          <p>{t('account.totpOff')}</p>
          <button type="button" onClick={() => setup.mutate()} disabled={setup.isPending}>
            {t('account.totpStart')}
          </button>
        </>
      )}
    </section>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const { errors, formError, run } = useCheckedSubmit();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ok = await run(
      changePasswordInput.safeParse({ currentPassword: form.get('currentPassword'), newPassword: form.get('newPassword') }),
      (d) => change.mutateAsync(d),
    );
    if (ok) await invalidate.account();
  }

  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">{t('account.passwordTitle')}</h2>
      <p className="muted">{t('account.passwordNote')}</p>
      <FormError message={formError} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('account.currentPassword')} name="currentPassword" type="password" autoComplete="current-password" error={errors['currentPassword']} />
        <Field label={t('auth.newPassword')} name="newPassword" type="password" autoComplete="new-password" hint={t('auth.passwordHint')} error={errors['newPassword']} />
        <button type="submit" disabled={change.isPending}>
          {t('account.changePassword')}
        </button>
      </form>
    </section>
  );
}

/** Which notices come by mail too, and in which language; the inbox always has them all. */
function Notices() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const preferences = useQuery(trpc.notifications.preferences.queryOptions());
  const save = useMutation(
    trpc.notifications.setPreferences.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.notifications.preferences.queryKey(), saved),
    }),
  );
  const { formError, run } = useCheckedSubmit();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const mailOff = mailTopics.filter((topic) => !form.has(`mail-${topic}`));
    await run(mailPreferencesInput.safeParse({ language: form.get('language'), mailOff }), (d) => save.mutateAsync(d));
  }

  return (
    <section aria-labelledby="notices-heading" id="notices">
      <h2 id="notices-heading">{t('account.noticesTitle')}</h2>
      <p className="muted">{t('account.noticesIntro')}</p>
      <FormError message={formError} />
      {preferences.data ? (
        <form onSubmit={(e) => void submit(e)} noValidate key={JSON.stringify(preferences.data)}>
          <fieldset>
            <legend>{t('account.mailTopics')}</legend>
            {mailTopics.map((topic) => (
              <label key={topic} className="check">
                <input type="checkbox" name={`mail-${topic}`} defaultChecked={!preferences.data.mailOff.includes(topic)} /> {t(`account.mailTopic.${topic}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="mail-language">{t('account.mailLanguage')}</label>
            <select id="mail-language" name="language" defaultValue={preferences.data.language}>
              <LanguageOptions />
            </select>
          </div>
          <button type="submit" disabled={save.isPending}>
            {t('account.noticesSave')}
          </button>{' '}
          <span role="status">{save.isSuccess && !save.isPending ? t('account.noticesSaved') : ''}</span>
        </form>
      ) : (
        <div className="skeleton skeleton-block" />
      )}
    </section>
  );
}
