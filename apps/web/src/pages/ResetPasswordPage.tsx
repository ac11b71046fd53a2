import { resetPasswordInput } from '@tracker/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { errorsFrom, Field, FormError, serverIssues, type FieldErrors } from '../components/Form';
import { tokenFromHash } from '../session';
import { useTRPC } from '../trpc';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const token = tokenFromHash(useLocation().hash);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = resetPasswordInput.safeParse({ token, password: form.get('password') });
    const mismatch = form.get('password') !== form.get('confirm');
    setFormError(null);
    if (!parsed.success || mismatch) {
      setErrors({ ...(parsed.success ? {} : errorsFrom(parsed.error.issues)), ...(mismatch ? { confirm: t('auth.passwordsDiffer') } : {}) });
      return;
    }
    setErrors({});
    try {
      await reset.mutateAsync(parsed.data);
    } catch (error) {
      const issues = serverIssues(error);
      if (issues) setErrors(errorsFrom(issues));
      else setFormError((error as Error).message);
    }
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
