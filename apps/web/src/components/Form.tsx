import type { TFunction } from 'i18next';
import { useId, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
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

/** What every form control carries: a label, an optional hint and an error tied to the control. */
interface Labelled {
  label: ReactNode;
  name: string;
  error?: string | undefined;
  hint?: ReactNode;
}

/** The ids and ARIA attributes that tie a control to its hint and error. */
interface ControlProps {
  id: string;
  name: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** The label, hint and announced error around one control. */
function FieldFrame({ label, name, error, hint, children }: Labelled & { children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {children({ id, name, ...(error ? { 'aria-invalid': true } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      <FieldErrorText id={errorId} error={error} />
    </div>
  );
}

function FieldErrorText({ id, error }: { id?: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {error}
    </p>
  );
}

type FieldProps = Labelled & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>;

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function Field({ label, name, error, hint, ...input }: FieldProps) {
  return (
    <FieldFrame label={label} name={name} error={error} hint={hint}>
      {(control) => <input {...control} {...input} />}
    </FieldFrame>
  );
}

type TextAreaProps = Labelled & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>;

/** A labelled multi-line text, like `Field`. */
export function TextArea({ label, name, error, hint, ...area }: TextAreaProps) {
  return (
    <FieldFrame label={label} name={name} error={error} hint={hint}>
      {(control) => <textarea {...control} {...area} />}
    </FieldFrame>
  );
}

export interface Choice {
  value: string;
  label: ReactNode;
}

type SelectProps = Labelled &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> & {
    options: readonly Choice[];
    /** The first, empty choice ("Choose…"); left out when a value is always chosen. */
    placeholder?: string;
  };

/** A labelled choice of one, like `Field`. */
export function Select({ label, name, error, hint, options, placeholder, ...select }: SelectProps) {
  return (
    <FieldFrame label={label} name={name} error={error} hint={hint}>
      {(control) => (
        <select {...control} {...select}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

interface CheckboxGroupProps {
  legend: ReactNode;
  /** Said before the choices (why there are none yet, for instance). */
  hint?: ReactNode;
  /** Sent with a form submission as repeated values of this name. */
  name?: string;
  options: readonly Choice[];
  selected: readonly string[];
  onToggle: (value: string) => void;
  error?: string | undefined;
}

/** A labelled set of checkboxes for a choice of several, its error announced. */
/** The choices of a checkbox group after one was ticked or unticked. */
export const toggled = (selected: readonly string[], value: string): string[] => (selected.includes(value) ? selected.filter((x) => x !== value) : [...selected, value]);

export function CheckboxGroup({ legend, hint, name, options, selected, onToggle, error }: CheckboxGroupProps) {
  const errorId = `${useId()}-error`;
  return (
    <fieldset className="field" aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      {options.map((o) => (
        <label key={o.value} className="check">
          <input type="checkbox" name={name} value={o.value} checked={selected.includes(o.value)} onChange={() => onToggle(o.value)} /> {o.label}
        </label>
      ))}
      <FieldErrorText id={errorId} error={error} />
    </fieldset>
  );
}

interface RadioGroupProps {
  legend: ReactNode;
  name: string;
  /** Each choice with what it means, said beside it (and read with it by screen readers). */
  options: readonly (Choice & { description: ReactNode })[];
  error?: string | undefined;
}

/** A labelled choice of one where each option needs explaining: radios with their meaning beside them. */
export function RadioGroup({ legend, name, options, error }: RadioGroupProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <fieldset className="field" aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="check radio-choice">
          <input type="radio" name={name} value={o.value} aria-describedby={`${id}-${o.value}`} />
          <span>
            <strong>{o.label}</strong>{' '}
            <span id={`${id}-${o.value}`} className="muted">
              {o.description}
            </span>
          </span>
        </label>
      ))}
      <FieldErrorText id={errorId} error={error} />
    </fieldset>
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
export interface CheckIssue {
  path: PropertyKey[] | string;
  message: string;
  code?: string;
  origin?: string;
  format?: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}
export type Checked<T> = { success: true; data: T } | { success: false; error: { issues: (CheckIssue & { path: PropertyKey[] })[] } };

/** The validation library's own wording ("Invalid option: expected one of …"), which no reader should see. */
const librarySaid = (message: string) => /^(Invalid|Too (small|big)|Unrecognized|Expected)\b/.test(message);

/**
 * Every message is a sentence in the reader's language. The schemas' own messages are English
 * sentences and are kept in English; the validation library's wording, and any message in another
 * language, is said from the issue's kind and bounds, keeping the schema's guidance where there is
 * no better.
 */
export function localised(issue: CheckIssue, t: TFunction, english: boolean): CheckIssue {
  if (english && !librarySaid(issue.message)) return issue;
  const bound = (n: number | bigint | undefined) => Number(n ?? 0);
  const message = (() => {
    if (issue.code === 'invalid_type') {
      if (/received undefined|received null/.test(issue.message) || !issue.expected) return t('validation.required');
      return issue.expected === 'number' || issue.expected === 'int' ? t('validation.number') : t('validation.format');
    }
    if (issue.code === 'invalid_value' || issue.code === 'invalid_union') return t('validation.choose');
    if (issue.code === 'invalid_format') {
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'date' || issue.format === 'datetime') return t('validation.date');
      if (issue.format === 'url') return t('validation.url');
      return librarySaid(issue.message) ? t('validation.format') : t('validation.invalid', { detail: issue.message });
    }
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
    if (issue.code === 'unrecognized_keys') return t('validation.format');
    return librarySaid(issue.message) ? t('validation.format') : t('validation.invalid', { detail: issue.message });
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
