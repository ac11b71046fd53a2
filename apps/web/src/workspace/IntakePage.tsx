import { useMutation, useQuery } from '@tanstack/react-query';
import { fieldLimits, intakeStatuses, intakeTriageInput, type IntakeStatus } from '@tracker/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Outputs } from '../api-types';
import { useRecommendationChoices } from '../catalogue-choices';
import { StateLink } from '../catalogue-text';
import { CheckboxGroup, FormError, TextArea, toggled, useCheckedSubmit } from '../components/Form';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { RouteGuard } from '../components/RouteGuard';
import { formText } from '../form-data';
import { useFormat } from '../format';
import { useInvalidate } from '../invalidate';
import { useTRPC, useTRPCClient } from '../trpc';

type Submission = Outputs['intake']['list'][number];

/**
 * Information sent from outside through /share, for staff to triage: convert into a confidential
 * draft of evidence (then reviewed as usual) or discard (erased 30 days later). Every read of a
 * submission is written to the access log.
 */
export function IntakePage() {
  const { t } = useTranslation();
  return (
    <RouteGuard needs="intake.list" denied={t('workspace.policymaker')}>
      {() => <Intake />}
    </RouteGuard>
  );
}

function Intake() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [status, setStatus] = useState<IntakeStatus>('new');
  const [decided, setDecided] = useState<{ evidenceId: string | null } | null>(null);
  const list = useQuery(trpc.intake.list.queryOptions({ status }));
  return (
    <>
      <p>
        <Link to="/workspace">{t('workspace.back')}</Link>
      </p>
      <h1>{t('intake.title')}</h1>
      <p className="muted">{t('intake.intro')}</p>
      <div role="group" aria-label={t('intake.show')} className="no-print">
        {intakeStatuses.map((s) => (
          <button key={s} type="button" className={s === status ? undefined : 'secondary'} aria-pressed={s === status} onClick={() => setStatus(s)}>
            {t(`intake.status.${s}`)}
          </button>
        ))}
      </div>
      {decided ? (
        <div className="notice" role="status">
          {decided.evidenceId ? (
            <>
              {t('intake.converted')} <Link to={`/workspace/evidence/${decided.evidenceId}`}>{t('intake.openDraft')}</Link>
            </>
          ) : (
            t('intake.discardedNotice')
          )}
        </div>
      ) : null}
      <Loadable query={list} skeleton={<SkeletonRows rows={4} />} isEmpty={(rows) => rows.length === 0} empty={<p className="muted">{t(`intake.empty.${status}`)}</p>}>
        {(rows) => (
          <ul className="plain">
            {rows.map((s) => (
              <li key={s.id} className="intake-item">
                <SubmissionView submission={s} />
                {s.status === 'new' ? <Triage submission={s} onDecided={setDecided} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Loadable>
    </>
  );
}

function SubmissionView({ submission: s }: { submission: Submission }) {
  const { t } = useTranslation();
  const format = useFormat();
  const c = s.content;
  return (
    <article aria-label={t('intake.receivedOn', { date: format.dateTime(s.receivedAt) })}>
      <p className="small muted">
        {t('intake.receivedOn', { date: format.dateTime(s.receivedAt) })}
        {c ? (
          <>
            {' '}
            · <StateLink iso3={c.iso3} name={c.iso3} />
          </>
        ) : null}
      </p>
      {c ? (
        <>
          <pre>{c.what}</pre>
          <dl className="facts">
            {c.site ? (
              <div>
                <dt>{t('share.site')}</dt>
                <dd>{c.site}</dd>
              </div>
            ) : null}
            {c.when ? (
              <div>
                <dt>{t('share.when')}</dt>
                <dd>{format.date(c.when)}</dd>
              </div>
            ) : null}
            {c.sourceUrl ? (
              <div>
                <dt>{t('share.source')}</dt>
                <dd>
                  <a href={c.sourceUrl} rel="noopener noreferrer nofollow">
                    {c.sourceUrl}
                  </a>
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t('share.contact')}</dt>
              <dd>{c.contact ?? <span className="muted">{t('intake.noContact')}</span>}</dd>
            </div>
            {s.files.length > 0 ? (
              <div>
                <dt>{t('share.files')}</dt>
                <dd>
                  <ul className="files">
                    {s.files.map((f) => (
                      <li key={f.position}>
                        <FileDownload id={s.id} file={f} />
                      </li>
                    ))}
                  </ul>
                  <div className="small muted">{t('intake.filesHint')}</div>
                </dd>
              </div>
            ) : null}
          </dl>
        </>
      ) : (
        <p className="muted">{t('intake.unreadable')}</p>
      )}
      {s.reason ? <p className="small">{t('intake.reason', { reason: s.reason })}</p> : null}
      {s.evidenceId ? (
        <p>
          <Link to={`/workspace/evidence/${s.evidenceId}`}>{t('intake.openDraft')}</Link>
        </p>
      ) : null}
    </article>
  );
}

/**
 * One file of a submission as a download (never shown in place: it came from outside), fetched only
 * when asked for, so each look is one line in the access log.
 */
function FileDownload({ id, file }: { id: string; file: Submission['files'][number] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useTRPCClient();
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');

  async function download() {
    setState('loading');
    try {
      const got = await client.intake.file.query({ id, position: file.position });
      const bytes = Uint8Array.from(atob(got.contentBase64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = got.filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState('idle');
    } catch {
      setState('failed');
    }
  }

  return (
    <>
      {file.filename} <span className="muted">({format.bytes(file.size)})</span>{' '}
      <button type="button" className="secondary small" disabled={state === 'loading'} onClick={() => void download()}>
        {t('intake.download', { name: file.filename })}
      </button>
      {state === 'failed' ? (
        <span className="field-error" role="alert">
          {' '}
          {t('intake.downloadFailed')}
        </span>
      ) : null}
    </>
  );
}

/** Convert or discard one submission; the page says what became of it once it leaves the list. */
function Triage({ submission, onDecided }: { submission: Submission; onDecided: (done: { evidenceId: string | null }) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const recommendations = useRecommendationChoices();
  const triage = useMutation(trpc.intake.triage.mutationOptions());
  const { errors, formError, run } = useCheckedSubmit();
  const [keys, setKeys] = useState<string[]>([]);

  async function decide(form: HTMLFormElement, decision: 'convert' | 'discard') {
    const parsed = intakeTriageInput.safeParse({ id: submission.id, decision, reason: formText(new FormData(form), 'reason'), recommendationKeys: decision === 'convert' ? keys : undefined });
    await run(parsed, async (data) => {
      const done = await triage.mutateAsync(data);
      onDecided({ evidenceId: done.evidenceId });
      await invalidate.intake();
    });
  }

  return (
    <form onSubmit={(e: FormEvent) => e.preventDefault()} aria-label={t('intake.triage')}>
      <FormError message={formError} />
      <CheckboxGroup
        legend={t('intake.recommendations')}
        hint={t('intake.recommendationsHint')}
        options={recommendations}
        selected={keys}
        onToggle={(key) => setKeys((k) => toggled(k, key))}
        error={errors['recommendationKeys']}
      />
      <TextArea label={t('intake.reasonLabel')} hint={t('intake.reasonHint')} name="reason" rows={2} maxLength={fieldLimits.triageReason} error={errors['reason']} />
      <button type="button" disabled={triage.isPending} onClick={(e) => e.currentTarget.form && void decide(e.currentTarget.form, 'convert')}>
        {t('intake.convert')}
      </button>{' '}
      <button type="button" className="secondary" disabled={triage.isPending} onClick={(e) => e.currentTarget.form && void decide(e.currentTarget.form, 'discard')}>
        {t('intake.discard')}
      </button>
    </form>
  );
}
