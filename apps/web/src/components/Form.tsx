import type { TFunction } from 'i18next';
import { useId, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../error-text';

export type FieldErrors = Record<string, string>;

/** Turns zod issues or the server's `data.issues` into one message per field path. */
export function errorsFrom(issues: readonly { path: PropertyKey[] | string; message: string }[] | null | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues ?? []) {
    const key = Array.isArray(issue.path) ? issue.path.map(String).join('.') : String(issue.path);
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The server's field issues from a tRPC error, if it carried any. */
export function serverIssues(error: unknown): { path: string; message: string }[] | null {
  const data = (error as { data?: { issues?: { path: string; message: string }[] | null } } | null)?.data;
  return data?.issues?.length ? data.issues : null;
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: ReactNode;
}

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function Field({ label, name, error, hint, ...input }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="notice notice-error">
      {message}
    </div>
  );
}

/** What a zod issue from the browser-side check carries. */
interface CheckIssue {
  path: PropertyKey[] | string;
  message: string;
  code?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}
type Checked<T> = { success: true; data: T } | { success: false; error: { issues: (CheckIssue & { path: PropertyKey[] })[] } };

/**
 * The schemas' messages are English; in another language a browser-side issue is said in that
 * language from its kind and bounds, keeping the schema's own guidance where there is no better.
 */
function localised(issue: CheckIssue, t: TFunction, english: boolean): CheckIssue {
  if (english) return issue;
  const bound = (n: number | bigint | undefined) => Number(n ?? 0);
  const message = (() => {
    if (issue.code === 'invalid_type') return t('validation.required');
    if (issue.code === 'too_small') {
      if (issue.origin === 'string') return bound(issue.minimum) <= 1 ? t('validation.required') : t('validation.tooShort', { minimum: bound(issue.minimum) });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.tooFew', { minimum: bound(issue.minimum) });
      return t('validation.tooSmall', { minimum: bound(issue.minimum) });
    }
    if (issue.code === 'too_big') {
      if (issue.origin === 'string') return t('validation.tooLong', { maximum: bound(issue.maximum) });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.tooMany', { maximum: bound(issue.maximum) });
      return t('validation.tooBig', { maximum: bound(issue.maximum) });
    }
    return t('validation.invalid', { detail: issue.message });
  })();
  return { ...issue, message };
}

/**
 * The one way forms submit: a zod check in the browser (the same schema the server uses), then the
 * call; field errors from either side land under their fields, anything else above the form.
 * `extra` adds checks the schema cannot make (a repeated password). Resolves true on success.
 */
/** Field errors from the browser-side zod check or the server's field issues, said in the interface language. */
export function useCheckErrors() {
  const { t, i18n } = useTranslation();
  return (issues: readonly CheckIssue[]): FieldErrors => errorsFrom(issues.map((issue) => localised(issue, t, i18n.language === 'en')));
}

export function useCheckedSubmit() {
  const checkErrors = useCheckErrors();
  const errorText = useErrorText();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  async function run<T>(parsed: Checked<T>, send: (data: T) => Promise<unknown>, extra: FieldErrors = {}): Promise<boolean> {
    setFormError(null);
    if (!parsed.success || Object.keys(extra).length > 0) {
      setErrors({ ...(parsed.success ? {} : checkErrors(parsed.error.issues)), ...extra });
      return false;
    }
    setErrors({});
    try {
      await send(parsed.data);
      return true;
    } catch (error) {
      const issues = serverIssues(error);
      if (issues) setErrors(checkErrors(issues));
      else setFormError(errorText(error));
      return false;
    }
  }
  return { errors, formError, run };
}
