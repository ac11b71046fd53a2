import { Suspense, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { isDate, todayIso } from '../../as-of';
import { useFormat } from '../../format';

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
  const tableHolder = useRef<HTMLDivElement>(null);
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
          <div ref={tableHolder} className={asTable ? 'table-wrap' : 'visually-hidden'} tabIndex={asTable ? 0 : undefined}>
            {table}
          </div>
        </>
      )}
      {empty ? null : <ChartTools title={title} body={body} tableOf={() => tableHolder.current?.querySelector('table') ?? null} drawn={!asTable && near} />}
      {footer}
    </figure>
  );
}

/**
 * What a reader takes away from a chart: the picture (PNG, SVG), its data (CSV, from the same table
 * screen readers get) and a citation with the page's address and as-of date. The file code loads
 * on the first click.
 */
function ChartTools({ title, body, tableOf, drawn }: { title: string; body: RefObject<HTMLDivElement | null>; tableOf: () => HTMLTableElement | null; drawn: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [citing, setCiting] = useState(false);
  const [copied, setCopied] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const today = todayIso();
  const given = new URLSearchParams(window.location.search).get('asOf');
  const asOf = isDate(given) ? given : today;
  const citation = t('chart.citation', { title, site: t('app.name'), asOf: format.date(asOf), address: window.location.href, retrieved: format.date(today) });
  const files = () => import('./chart-files');
  const picture = async (format: 'svg' | 'png') => {
    setFailed(null);
    const svg = body.current?.querySelector('svg.recharts-surface, svg[role="img"], svg');
    if (!(svg instanceof SVGSVGElement)) return setFailed(t('chart.notDrawn'));
    const { download, fileNameOf, pngOf, svgOf } = await files();
    const text = svgOf(svg, title);
    try {
      download(format === 'svg' ? new Blob([text], { type: 'image/svg+xml' }) : await pngOf(text), `${fileNameOf(title)}.${format}`);
    } catch {
      setFailed(t('chart.pictureFailed'));
    }
  };
  const data = async () => {
    const table = tableOf();
    if (!table) return;
    const { csvOf, download, fileNameOf } = await files();
    download(new Blob([csvOf(table)], { type: 'text/csv;charset=utf-8' }), `${fileNameOf(title)}.csv`);
  };
  return (
    <div className="chart-tools no-print">
      <span className="muted small">{t('chart.download')}</span>
      <button type="button" className="link-button small" disabled={!drawn} onClick={() => void picture('png')}>
        PNG
      </button>
      <button type="button" className="link-button small" disabled={!drawn} onClick={() => void picture('svg')}>
        SVG
      </button>
      <button type="button" className="link-button small" onClick={() => void data()}>
        {t('chart.csv')}
      </button>
      <button type="button" className="link-button small" aria-expanded={citing} onClick={() => setCiting((v) => !v)}>
        {t('chart.cite')}
      </button>
      {failed ? (
        <p className="field-error" role="alert">
          {failed}
        </p>
      ) : null}
      {citing ? (
        <div className="citation">
          <p>{citation}</p>
          <button
            type="button"
            className="secondary small"
            onClick={() =>
              void navigator.clipboard.writeText(citation).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {t('chart.copyCitation')}
          </button>
          <span role="status" className="small">
            {copied ? t('chart.copied') : ''}
          </span>
        </div>
      ) : null}
    </div>
  );
}
