import { resetPasswordInput } from '@tracker/domain';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Field, FormError, useCheckedSubmit } from '../components/Form';
import { tokenFromHash } from '../session';
import { useTRPC } from '../trpc';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const token = tokenFromHash(useLocation().hash);
  const { errors, formError, run } = useCheckedSubmit();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = resetPasswordInput.safeParse({ token, password: form.get('password') });
    const mismatch = form.get('password') !== form.get('confirm');
    await run(parsed, (data) => reset.mutateAsync(data), mismatch ? { confirm: t('auth.passwordsDiffer') } : {});
  }

  if (reset.isSuccess) {
    return (
      <section className="narrow">
        <h1>{t('auth.resetTitle')}</h1>
        <div className="notice" role="status">
          {t('auth.passwordSet')} <Link to="/sign-in">{t('auth.signIn')}</Link>
        </div>
      </section>
    );
  }

  return (
    <section className="narrow">
      <h1>{t('auth.resetTitle')}</h1>
      {!token ? (
        <div className="notice notice-error" role="alert">
          {t('auth.resetNoToken')}
        </div>
      ) : (
        <>
          <FormError message={formError ?? errors['token'] ?? null} />
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Field label={t('auth.newPassword')} name="password" type="password" autoComplete="new-password" required hint={t('auth.passwordHint')} error={errors['password']} />
            <Field label={t('auth.confirmPassword')} name="confirm" type="password" autoComplete="new-password" required error={errors['confirm']} />
            <button type="submit" disabled={reset.isPending}>
              {t('auth.setPassword')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
