import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

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
  return data?.issues ?? null;
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
