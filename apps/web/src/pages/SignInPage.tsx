import { fieldLimits, loginInput, type Role } from '@tracker/domain';
import { landingPages, pages } from '@tracker/domain/pages';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Field, FormError, serverIssues, useCheckErrors, type FieldErrors } from '../components/Form';
import { useTRPC } from '../trpc';
import { useErrorText } from '../error-text';

/**
 * Where to go after signing in: the page that sent the person here (same-site paths only, no open
 * redirect), or else where their role's work is.
 */
const afterSignIn = (next: string | null, role: Role) => (next && next.startsWith('/') && !next.startsWith('//') ? next : `/${pages[landingPages[role]].path}`);

export function SignInPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [needsCode, setNeedsCode] = useState(false);
  const login = useMutation(trpc.auth.login.mutationOptions());
  const checkErrors = useCheckErrors();
  const errorText = useErrorText();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = loginInput.safeParse({
      email: form.get('email'),
      password: form.get('password'),
      ...(needsCode ? { totp: form.get('totp') } : {}),
    });
    setFormError(null);
    if (!parsed.success) {
      setErrors(checkErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    try {
      const signedIn = await login.mutateAsync(parsed.data);
      await queryClient.invalidateQueries();
      await navigate(afterSignIn(params.get('next'), signedIn.role));
    } catch (error) {
      const issues = serverIssues(error);
      if (issues?.some((i) => i.path === 'totp')) {
        setNeedsCode(true);
        setErrors(needsCode ? checkErrors(issues) : {});
        return;
      }
      setFormError(errorText(error));
    }
  }

  return (
    <section className="narrow">
      <h1>{t('auth.signInTitle')}</h1>
      <p className="muted">{t('auth.signInIntro')}</p>
      <FormError message={formError} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('auth.email')} name="email" type="email" autoComplete="username" required error={errors['email']} />
        <Field label={t('auth.password')} name="password" type="password" autoComplete="current-password" required error={errors['password']} />
        {needsCode ? (
          <Field
            label={t('auth.totpCode')}
            name="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={fieldLimits.totpCode}
            required
            autoFocus
            hint={t('auth.totpHint')}
            error={errors['totp']}
          />
        ) : null}
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? t('auth.signingIn') : t('auth.signIn')}
        </button>
      </form>
      <p className="muted">{t('auth.forgotPassword')}</p>
      <p>
        <Link to="/">{t('common.backToOverview')}</Link>
      </p>
    </section>
  );
}
