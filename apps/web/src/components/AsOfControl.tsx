import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso } from '../as-of';

/** Moves the whole page through time; the date lives in the address so the view can be shared. */
export function AsOfControl({ value, onChange, isSet }: { value: string; onChange: (next: string | null) => void; isSet: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="as-of">
      <label htmlFor={id}>
        {t('asOf.label')}
      </label>
      <input id={id} type="date" value={value} max={todayIso()} min="2015-01-01" onChange={(e) => onChange(e.target.value || null)} />
      {isSet ? (
        <button type="button" className="secondary small" onClick={() => onChange(null)}>
          {t('asOf.today')}
        </button>
      ) : null}
    </div>
  );
}
