import { useMutation, useQuery } from '@tanstack/react-query';
import { assessmentProposeInput, assessmentStatuses, fieldLimits } from '@tracker/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CheckboxGroup, Field, FormError, RadioGroup, Select, TextArea, toggled, useCheckedSubmit } from '../components/Form';
import { RouteGuard } from '../components/RouteGuard';
import { useInvalidate } from '../invalidate';
import { useTRPC } from '../trpc';
import { useCatalogueText } from '../catalogue-text';

/** A monitor proposes where a State stands on a recommendation, resting on verified evidence. */
export function AssessPage() {
  const { t } = useTranslation();
  return (
    <RouteGuard needs="assessments.propose" denied={t('workspace.policymaker')}>
      {() => <ProposeAssessment />}
    </RouteGuard>
  );
}

function ProposeAssessment() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const text = useCatalogueText();
  const invalidate = useInvalidate();
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
      await invalidate.assessments();
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

  const statusOptions = assessmentStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }));

  return (
    <section className="narrow">
      <p>
        <Link to="/workspace">{t('workspace.back')}</Link>
      </p>
      <h1>{t('assess.title')}</h1>
      <p className="muted">{t('assess.intro')}</p>
      <FormError message={formError} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Select
          label={t('state.name')}
          name="iso3"
          value={iso3}
          onChange={(e) => setIso3(e.target.value)}
          placeholder={t('form.choose')}
          options={(states.data ?? []).map((s) => ({ value: s.iso3, label: text('state', s.iso3, 'name', s.name).text }))}
          error={errors['iso3']}
        />
        <Select
          label={t('overview.recommendation')}
          name="recommendationKey"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder={t('form.choose')}
          options={(recommendations.data ?? []).map((r) => ({ value: r.key, label: `${r.key} ${r.title}` }))}
          error={errors['recommendationKey']}
        />
        <RadioGroup
          legend={t('assess.status')}
          name="status"
          options={assessmentStatuses.map((s) => ({ value: s, label: t(`status.${s}`), description: t(`statusMeaning.${s}`) }))}
          error={errors['status']}
        />
        <Select label={t('assess.claimed')} name="claimedStatus" defaultValue="" placeholder={t('assess.noClaim')} options={statusOptions} error={errors['claimedStatus']} />
        <Field label={t('assess.effectiveFrom')} name="effectiveFrom" type="date" error={errors['effectiveFrom']} />
        <TextArea label={t('assess.rationale')} name="rationale" rows={4} maxLength={fieldLimits.rationale} error={errors['rationale']} />
        <CheckboxGroup
          legend={t('assess.evidence')}
          hint={!iso3 || !key ? t('assess.chooseFirst') : support.data && support.data.items.length === 0 ? t('assess.noEvidence') : undefined}
          options={
            iso3 && key
              ? (support.data?.items ?? []).map((e) => ({
                  value: e.id,
                  label: (
                    <>
                      {e.title} <span className="muted">({t(`visibility.${e.visibility}`)})</span>
                    </>
                  ),
                }))
              : []
          }
          selected={chosen}
          onToggle={(evidenceId) => setChosen((c) => toggled(c, evidenceId))}
          error={errors['evidenceIds']}
        />
        <button type="submit" disabled={propose.isPending}>
          {t('assess.submit')}
        </button>
      </form>
    </section>
  );
}
