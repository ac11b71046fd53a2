import { resetPasswordInput } from '@tracker/domain';
import { landingPages, pages } from '@tracker/domain/pages';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useErrorText } from '../error-text';
import { Field, FormError, useCheckedSubmit } from '../components/Form';
import { Loadable } from '../components/Loadable';
import { useFormat } from '../format';
import { tokenFromHash, useMe } from '../session';
import { useTRPC } from '../trpc';

/**
 * The page a password link opens: it names the account the link is for and until when it works,
 * sets the password, and signs the person in (where the account has no second factor: then they
 * sign in with their code).
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = tokenFromHash(useLocation().hash);
  return (
    <section className="narrow">
      <h1>{t('auth.resetTitle')}</h1>
      {!token ? (
        <div className="notice notice-error" role="alert">
          {t('auth.resetNoToken')}
        </div>
      ) : (
        <PasswordForm token={token} />
      )}
    </section>
  );
}

function PasswordForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const format = useFormat();
  const me = useMe();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { errors, formError, run } = useCheckedSubmit();
  // Asked by POST, once, so the token stays out of addresses and logs.
  const lookup = useMutation(trpc.auth.passwordLink.mutationOptions());
  const { mutate: ask } = lookup;
  useEffect(() => ask({ token }), [ask, token]);
  const link = { ...lookup, isPending: lookup.isPending || lookup.isIdle, refetch: () => lookup.mutateAsync({ token }) };
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = resetPasswordInput.safeParse({ token, password: form.get('password') });
    const mismatch = form.get('password') !== form.get('confirm');
    await run(
      parsed,
      async (data) => {
        const done = await reset.mutateAsync(data);
        if (done.signedIn) await queryClient.invalidateQueries();
      },
      mismatch ? { confirm: t('auth.passwordsDiffer') } : {},
    );
  }

  if (reset.data) {
    return reset.data.signedIn && me.data ? (
      <div className="notice" role="status">
        {t('auth.passwordSetSignedIn', { name: me.data.displayName })} <Link to={`/${pages[landingPages[me.data.role]].path}`}>{t('auth.continue')}</Link>
      </div>
    ) : (
      <div className="notice" role="status">
        {t('auth.passwordSet')} <Link to="/sign-in">{t('auth.signIn')}</Link>
      </div>
    );
  }
  if (link.isError) {
    return (
      <div className="notice notice-error" role="alert">
        {errorText(link.error)}
      </div>
    );
  }

  return (
    <Loadable query={link}>
      {(holder) => (
        <>
          <p className="lead">{t('auth.resetFor', { name: holder.displayName, email: holder.email, until: format.dateTime(holder.expiresAt) })}</p>
          <FormError message={formError ?? errors['token'] ?? null} />
          <form onSubmit={(e) => void submit(e)} noValidate>
            {/* Lets password managers file the new password under the right account. */}
            <input type="hidden" name="username" autoComplete="username" value={holder.email} readOnly />
            <Field label={t('auth.newPassword')} name="password" type="password" autoComplete="new-password" required hint={t('auth.passwordHint')} error={errors['password']} />
            <Field label={t('auth.confirmPassword')} name="confirm" type="password" autoComplete="new-password" required error={errors['confirm']} />
            <button type="submit" disabled={reset.isPending}>
              {t('auth.setPassword')}
            </button>
          </form>
        </>
      )}
    </Loadable>
  );
}
