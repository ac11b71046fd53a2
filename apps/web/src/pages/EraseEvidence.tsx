import { useMutation, useQueryClient } from '@tanstack/react-query';
import { evidenceEraseInput, fieldLimits } from '@tracker/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useCheckedSubmit } from '../components/Form';
import { useTRPC } from '../trpc';

/** Erasure on request, for administrators: a reason kept on record, and a confirmation first. */
export function EraseEvidence({ id }: { id: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const erase = useMutation(trpc.evidence.erase.mutationOptions());
  const { errors, formError, run } = useCheckedSubmit();
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const confirmed = form.get('confirm') === 'yes';
    const ok = await run(evidenceEraseInput.safeParse({ id, reason: form.get('reason') }), (d) => erase.mutateAsync(d), confirmed ? {} : { confirm: t('evidencePage.eraseConfirmNeeded') });
    if (ok) {
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: trpc.evidence.get.queryKey({ id }) });
    }
  }

  return (
    <section aria-labelledby="erase-heading" className="no-print">
      <h2 id="erase-heading">{t('evidencePage.eraseTitle')}</h2>
      <p className="muted">{t('evidencePage.eraseIntro')}</p>
      {done ? (
        <p className="notice" role="status">
          {t('evidencePage.erasedNow')}
        </p>
      ) : null}
      <FormError message={formError} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('evidencePage.eraseReason')} name="reason" maxLength={fieldLimits.eraseReason} error={errors['reason']} />
        <label className="check">
          <input type="checkbox" name="confirm" value="yes" /> {t('evidencePage.eraseConfirm')}
        </label>
        {errors['confirm'] ? (
          <p className="field-error" role="alert">
            {errors['confirm']}
          </p>
        ) : null}
        <button type="submit" className="danger" disabled={erase.isPending}>
          {t('evidencePage.eraseButton')}
        </button>
      </form>
    </section>
  );
}
