import { useId, useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';

interface Props {
  label: ReactNode;
  hint: ReactNode;
  files: readonly File[];
  onChange: (files: File[]) => void;
  maxBytes: number;
  /** What is said of a file over `maxBytes`. */
  tooBig: (name: string) => string;
  /** At most this many files, and what is said when more are chosen. */
  most?: { count: number; text: string };
  disabled?: boolean;
}

/** Files chosen before they are sent: listed with their size, each removable; too large or too many refused on the spot. */
export function FileChooser({ label, hint, files, onChange, maxBytes, tooBig, most, disabled = false }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const inputId = useId();
  const [refused, setRefused] = useState<string[]>([]);

  function onFiles(event: ChangeEvent<HTMLInputElement>) {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = '';
    const fitting = chosen.filter((f) => f.size <= maxBytes && !files.some((kept) => kept.name === f.name));
    const next = [...files, ...fitting];
    const overCount = most !== undefined && next.length > most.count;
    setRefused([...chosen.filter((f) => f.size > maxBytes).map((f) => tooBig(f.name)), ...(overCount ? [most.text] : [])]);
    onChange(overCount ? next.slice(0, most.count) : next);
  }

  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <p className="hint" id={`${inputId}-hint`}>
        {hint}
      </p>
      <input id={inputId} type="file" multiple aria-describedby={`${inputId}-hint`} onChange={onFiles} disabled={disabled || (most !== undefined && files.length >= most.count)} />
      {refused.map((text) => (
        <p key={text} className="field-error" role="alert">
          {text}
        </p>
      ))}
      {files.length > 0 ? (
        <ul className="files">
          {files.map((f) => (
            <li key={f.name}>
              {f.name} <span className="muted">({format.bytes(f.size)})</span>{' '}
              <button type="button" className="secondary small" disabled={disabled} onClick={() => onChange(files.filter((x) => x !== f))}>
                {t('form.removeFile', { name: f.name })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
