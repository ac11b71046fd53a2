import { Suspense, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Whether the element is within a screen's height of the viewport. Charts are drawn only then: a
 * chart below the fold costs a phone hundreds of milliseconds of blocked main thread at load, for
 * something the reader may never scroll to. Without IntersectionObserver, at once.
 */
function useNearViewport(ref: RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setNear(true);
    }, { rootMargin: '100% 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near, ref]);
  return near;
}

/**
 * Every chart comes with the same data as a table: one button switches, and the table is what
 * screen readers and printouts get.
 */
export function ChartFrame({ title, chart, table, empty, footer }: { title: string; chart: ReactNode; table: ReactNode; empty?: ReactNode; footer?: ReactNode }) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const near = useNearViewport(body);
  const placeholder = <div className="skeleton skeleton-block" />;
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
          <div ref={body} className={asTable ? 'visually-hidden print-only' : 'chart-body'} aria-hidden={!asTable ? undefined : true}>
            {asTable ? null : near ? <Suspense fallback={placeholder}>{chart}</Suspense> : placeholder}
          </div>
          <div className={asTable ? 'table-wrap' : 'visually-hidden'} tabIndex={asTable ? 0 : undefined}>{table}</div>
        </>
      )}
      {footer}
    </figure>
  );
}
