import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../trpc';
import { useErrorText } from '../error-text';
import { serverIssues } from '../components/Form';
import { TableWrap } from '../components/TableWrap';

/** Bulk import from the admin page: the same file format and checks as `tracker import`. */
export function ImportEvidence() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const run = useMutation(trpc.evidence.import.mutationOptions());
  const [readError, setReadError] = useState<string | null>(null);
  const [issues, setIssues] = useState<{ line: string; column: string; message: string }[]>([]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    setReadError(null);
    if (!file) return;
    if (file.size > 20 * 1024 * 1024) {
      setReadError(t('importPage.tooBig'));
      return;
    }
    setIssues([]);
    const result = await run.mutateAsync({ csv: await file.text() }).catch((e: Error) => {
      setReadError(errorText(e));
      // Each problem comes back as a field issue whose path is LINE.COLUMN.
      setIssues(
        (serverIssues(e) ?? []).map((issue) => {
          const [line = '', ...column] = issue.path.split('.');
          return { line, column: column.join('.'), message: issue.message };
        }),
      );
      return null;
    });
    if (result) await queryClient.invalidateQueries({ queryKey: trpc.evidence.pathKey() });
  }

  const result = run.data;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('importPage.title')}</h2>
      <p className="muted">{t('importPage.intro')}</p>
      <div className="field">
        <label htmlFor={id}>{t('importPage.file')}</label>
        <input id={id} type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} disabled={run.isPending} />
      </div>
      {run.isPending ? (
        <p role="status">{t('importPage.working')}</p>
      ) : null}
      {readError ? (
        <div className="notice notice-error" role="alert">
          <p>{readError}</p>
          {issues.length > 0 ? (
            <TableWrap>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('importPage.line')}</th>
                    <th scope="col">{t('importPage.column')}</th>
                    <th scope="col">{t('importPage.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {issues.map((issue, i) => (
                    <tr key={i}>
                      <td className="num">{issue.line}</td>
                      <td>
                        <code>{issue.column}</code>
                      </td>
                      <td>{issue.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
        </div>
      ) : null}
      {result ? (
        <div className="notice" role="status">
          {t('importPage.done', { rows: result.rows, ...result.report })}
        </div>
      ) : null}
    </section>
  );
}
