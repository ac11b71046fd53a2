import { useMutation } from '@tanstack/react-query';
import { fieldLimits, intakeDetailsInput, MAX_INTAKE_FILE_BYTES, MAX_INTAKE_FILES } from '@tracker/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStateChoices } from '../catalogue-choices';
import { FileChooser } from '../components/FileChooser';
import { Field, FormError, Select, TextArea, useCheckedSubmit } from '../components/Form';
import { formText } from '../form-data';
import { useFormat } from '../format';
import { solveProofOfWork } from '../follow-up/proof-of-work';
import { useTRPC } from '../trpc';
import { fileToBase64 } from '../workspace/upload';

type Stage = 'idle' | 'working' | 'sending';

/**
 * Information from anyone, without an account: what happened, where and when, a source, up to three
 * files and, if they want, a way to reach them. The page says plainly what is kept and who reads it.
 * Before sending, the browser does a second or so of work the tracker asks for, so a scripted flood
 * costs its sender rather than the tracker.
 */
export function SharePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const states = useStateChoices();
  const challenge = useMutation(trpc.intake.challenge.mutationOptions());
  const submit = useMutation(trpc.intake.submit.mutationOptions());
  const { errors, formError, run } = useCheckedSubmit();
  const [files, setFiles] = useState<File[]>([]);
  const [stage, setStage] = useState<Stage>('idle');

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const optional = (name: string) => formText(form, name).trim() || null;
    const details = intakeDetailsInput.safeParse({
      what: formText(form, 'what'),
      iso3: formText(form, 'iso3'),
      site: optional('site'),
      when: optional('when'),
      sourceUrl: optional('sourceUrl'),
      contact: optional('contact'),
    });
    try {
      await run(details, async (data) => {
        setStage('working');
        const encoded = await Promise.all(files.map(async (f) => ({ filename: f.name, contentBase64: await fileToBase64(f) })));
        const issued = await challenge.mutateAsync();
        const nonce = await solveProofOfWork(issued.challenge, issued.bits);
        setStage('sending');
        await submit.mutateAsync({ ...data, files: encoded, proof: { challenge: issued.challenge, nonce } });
      });
    } finally {
      setStage('idle');
    }
  }

  if (submit.isSuccess) {
    return (
      <section className="narrow">
        <h1>{t('share.title')}</h1>
        <div className="notice" role="status">
          <p>
            <strong>{t('share.thanks')}</strong>
          </p>
          <p>{t('share.thanksHint')}</p>
        </div>
        <button type="button" className="secondary" onClick={() => window.location.reload()}>
          {t('share.another')}
        </button>
      </section>
    );
  }

  const busy = stage !== 'idle';
  return (
    <section className="narrow">
      <h1>{t('share.title')}</h1>
      <p className="lead">{t('share.intro')}</p>
      <div className="notice">
        <h2>{t('share.keptTitle')}</h2>
        <p>{t('share.kept')}</p>
        <p>{t('share.notKept')}</p>
        <p>{t('share.danger')}</p>
      </div>
      <FormError message={formError} />
      <form onSubmit={(e) => void send(e)} noValidate aria-label={t('share.title')}>
        <TextArea label={t('share.what')} hint={t('share.whatHint')} name="what" rows={8} required maxLength={fieldLimits.intakeWhat} error={errors['what']} />
        <Select label={t('share.state')} name="iso3" defaultValue="" required placeholder={t('share.chooseState')} options={states} error={errors['iso3']} />
        <Field label={t('share.site')} hint={t('share.siteHint')} name="site" maxLength={fieldLimits.intakePlace} error={errors['site']} />
        <Field label={t('share.when')} name="when" type="date" min="1900-01-01" max="2100-12-31" error={errors['when']} />
        <Field label={t('share.source')} hint={t('share.sourceHint')} name="sourceUrl" type="url" inputMode="url" maxLength={fieldLimits.url} error={errors['sourceUrl']} />
        <FileChooser
          label={t('share.files')}
          hint={t('share.filesHint', { max: MAX_INTAKE_FILES, size: format.bytes(MAX_INTAKE_FILE_BYTES) })}
          files={files}
          onChange={setFiles}
          maxBytes={MAX_INTAKE_FILE_BYTES}
          tooBig={(name) => t('share.fileTooBig', { name })}
          most={{ count: MAX_INTAKE_FILES, text: t('share.tooManyFiles', { max: MAX_INTAKE_FILES }) }}
          disabled={busy}
        />
        <Field label={t('share.contact')} hint={t('share.contactHint')} name="contact" maxLength={fieldLimits.intakeContact} autoComplete="off" error={errors['contact']} />
        <button type="submit" disabled={busy}>
          {stage === 'working' ? t('share.preparing') : stage === 'sending' ? t('share.sending') : t('share.submit')}
        </button>
        {busy ? (
          <p role="status" className="muted">
            {stage === 'working' ? t('share.preparingHint') : t('share.sending')}
          </p>
        ) : null}
      </form>
    </section>
  );
}
