import { setupInput } from '@tracker/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { Field, FormError, useCheckedSubmit } from '../components/Form';
import { tokenFromHash } from '../session';
import { useTRPC } from '../trpc';

/** Creates the first administrator from the one-time link the server printed at first start. */
export function SetupPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const token = tokenFromHash(useLocation().hash);
  const { errors, formError, run } = useCheckedSubmit();
  const setup = useMutation(trpc.auth.setup.mutationOptions());

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = setupInput.safeParse({
      token,
      displayName: form.get('displayName'),
      email: form.get('email'),
      password: form.get('password'),
    });
    const mismatch = form.get('password') !== form.get('confirm');
    const ok = await run(parsed, (data) => setup.mutateAsync(data), mismatch ? { confirm: t('auth.passwordsDiffer') } : {});
    if (ok) {
      await queryClient.invalidateQueries();
      await navigate('/');
    }
  }

  if (!token) {
    return (
      <section className="narrow">
        <h1>{t('auth.setupTitle')}</h1>
        <div className="notice notice-error" role="alert">
          {t('auth.setupNoToken')}
        </div>
      </section>
    );
  }

  return (
    <section className="narrow">
      <h1>{t('auth.setupTitle')}</h1>
      <p className="muted">{t('auth.setupIntro')}</p>
      <FormError message={formError ?? errors['token'] ?? null} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('auth.name')} name="displayName" autoComplete="name" required error={errors['displayName']} />
        <Field label={t('auth.email')} name="email" type="email" autoComplete="username" required error={errors['email']} />
        <Field label={t('auth.newPassword')} name="password" type="password" autoComplete="new-password" required hint={t('auth.passwordHint')} error={errors['password']} />
        <Field label={t('auth.confirmPassword')} name="confirm" type="password" autoComplete="new-password" required error={errors['confirm']} />
        <button type="submit" disabled={setup.isPending}>
          {t('auth.createAdmin')}
        </button>
      </form>
    </section>
  );
}
