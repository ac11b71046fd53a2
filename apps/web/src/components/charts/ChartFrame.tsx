import { Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Every chart comes with the same data as a table: one button switches, and the table is what
 * screen readers and printouts get.
 */
export function ChartFrame({ title, chart, table, empty, footer }: { title: string; chart: ReactNode; table: ReactNode; empty?: ReactNode; footer?: ReactNode }) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  return (
    <figure className="chart">
      <figcaption>
        <span>{title}</span>
        {empty ? null : (
          <button type="button" className="secondary small" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
            {asTable ? t('chart.showChart') : t('chart.showTable')}
          </button>
        )}
      </figcaption>
      {empty ?? (
        <>
          <div className={asTable ? 'visually-hidden print-only' : 'chart-body'} aria-hidden={!asTable ? undefined : true}>
            {asTable ? null : <Suspense fallback={<div className="skeleton skeleton-block" />}>{chart}</Suspense>}
          </div>
          <div className={asTable ? 'table-wrap' : 'visually-hidden'} tabIndex={asTable ? 0 : undefined}>{table}</div>
        </>
      )}
      {footer}
    </figure>
  );
}
