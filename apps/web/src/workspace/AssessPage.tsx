import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { assessmentProposeInput, assessmentStatuses, fieldLimits } from '@tracker/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { Field, FormError, useCheckedSubmit } from '../components/Form';
import { SkeletonRows } from '../components/Loadable';
import { useMe } from '../session';
import { useTRPC } from '../trpc';

/** A monitor proposes where a State stands on a recommendation, resting on verified evidence. */
export function AssessPage() {
  const { t } = useTranslation();
  const me = useMe();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [iso3, setIso3] = useState('');
  const [key, setKey] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const { errors, formError, run } = useCheckedSubmit();
  const [done, setDone] = useState(false);
  const states = useQuery(trpc.states.list.queryOptions());
  const recommendations = useQuery(trpc.catalogue.recommendations.queryOptions());
  const support = useQuery({
    ...trpc.evidence.list.queryOptions({ iso3, recommendationKey: key, status: 'verified', limit: 100 }),
    enabled: iso3.length === 3 && key.length > 0,
  });
  const propose = useMutation(trpc.assessments.propose.mutationOptions());

  if (me.isPending) return <SkeletonRows rows={6} />;
  if (!me.data) return <Navigate to="/sign-in?next=/workspace/assess" replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = assessmentProposeInput.safeParse({
      iso3,
      recommendationKey: key,
      status: form.get('status') || undefined,
      claimedStatus: form.get('claimedStatus') || null,
      effectiveFrom: form.get('effectiveFrom'),
      rationale: form.get('rationale'),
      evidenceIds: chosen,
    });
    if (await run(parsed, (data) => propose.mutateAsync(data))) {
      await queryClient.invalidateQueries();
      setDone(true);
    }
  }

  if (done) {
    return (
      <section className="narrow">
        <h1>{t('assess.title')}</h1>
        <div className="notice" role="status">
          {t('assess.done')} <Link to="/workspace">{t('workspace.back')}</Link>
        </div>
      </section>
    );
  }

  const statusOptions = assessmentStatuses.map((s) => (
    <option key={s} value={s}>
      {t(`status.${s}`)}
    </option>
  ));
  const error = (name: string) =>
    errors[name] ? (
      <p className="field-error" role="alert">
        {errors[name]}
      </p>
    ) : null;

  return (
    <section className="narrow">
      <p>
        <Link to="/workspace">{t('workspace.back')}</Link>
      </p>
      <h1>{t('assess.title')}</h1>
      <p className="muted">{t('assess.intro')}</p>
      <FormError message={formError} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-state`}>{t('state.name')}</label>
          <select id={`${id}-state`} value={iso3} onChange={(e) => setIso3(e.target.value)}>
            <option value="">{t('form.choose')}</option>
            {(states.data ?? []).map((s) => (
              <option key={s.iso3} value={s.iso3}>
                {s.name}
              </option>
            ))}
          </select>
          {error('iso3')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-rec`}>{t('overview.recommendation')}</label>
          <select id={`${id}-rec`} value={key} onChange={(e) => setKey(e.target.value)}>
            <option value="">{t('form.choose')}</option>
            {(recommendations.data ?? []).map((r) => (
              <option key={r.key} value={r.key}>
                {r.key} {r.title}
              </option>
            ))}
          </select>
          {error('recommendationKey')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('assess.status')}</label>
          <select id={`${id}-status`} name="status" defaultValue="">
            <option value="">{t('form.choose')}</option>
            {statusOptions}
          </select>
          {error('status')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-claimed`}>{t('assess.claimed')}</label>
          <select id={`${id}-claimed`} name="claimedStatus" defaultValue="">
            <option value="">{t('assess.noClaim')}</option>
            {statusOptions}
          </select>
        </div>
        <Field label={t('assess.effectiveFrom')} name="effectiveFrom" type="date" error={errors['effectiveFrom']} />
        <div className="field">
          <label htmlFor={`${id}-rationale`}>{t('assess.rationale')}</label>
          <textarea id={`${id}-rationale`} name="rationale" rows={4} maxLength={fieldLimits.rationale} aria-invalid={errors['rationale'] ? true : undefined} />
          {error('rationale')}
        </div>
        <fieldset className="field">
          <legend>{t('assess.evidence')}</legend>
          {!iso3 || !key ? (
            <p className="hint">{t('assess.chooseFirst')}</p>
          ) : support.data && support.data.items.length === 0 ? (
            <p className="hint">{t('assess.noEvidence')}</p>
          ) : (
            (support.data?.items ?? []).map((e) => (
              <label key={e.id} className="check">
                <input
                  type="checkbox"
                  checked={chosen.includes(e.id)}
                  onChange={() => setChosen((c) => (c.includes(e.id) ? c.filter((x) => x !== e.id) : [...c, e.id]))}
                />{' '}
                {e.title} <span className="muted">({t(`visibility.${e.visibility}`)})</span>
              </label>
            ))
          )}
          {error('evidenceIds')}
        </fieldset>
        <button type="submit" disabled={propose.isPending}>
          {t('assess.submit')}
        </button>
      </form>
    </section>
  );
}
