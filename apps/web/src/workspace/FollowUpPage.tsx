import { useMutation, useQuery } from '@tanstack/react-query';
import { assessmentStatuses, commitmentCloseInput, commitmentCreateInput, fieldLimits, replyCreateInput, replyKinds } from '@tracker/domain';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRecommendationChoices, useStateChoices } from '../catalogue-choices';
import { CheckboxGroup, Field, FormError, Select, TextArea, toggled, useCheckedSubmit } from '../components/Form';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { RouteGuard } from '../components/RouteGuard';
import { formText } from '../form-data';
import { CommitmentTable, type Commitment } from '../follow-up/CommitmentTable';
import { ReplyCard } from '../follow-up/Replies';
import { useInvalidate } from '../invalidate';
import { useMayCall, type Me } from '../session';
import { useTRPC } from '../trpc';

/**
 * The follow-up loop in the workspace: staff enter a State's replies and commitments from its own
 * communication; another reviewer accepts them (the note is the tracker's answer) or returns them,
 * and records a commitment met (with verified evidence) or withdrawn.
 */
export function FollowUpPage() {
  const { t } = useTranslation();
  return (
    <RouteGuard needs="replies.create" denied={t('workspace.policymaker')}>
      {(me) => <FollowUp me={me} />}
    </RouteGuard>
  );
}

function FollowUp({ me }: { me: Me }) {
  const { t } = useTranslation();
  const may = useMayCall();
  return (
    <>
      <p>
        <Link to="/workspace">{t('workspace.back')}</Link>
      </p>
      <h1>{t('followUp.title')}</h1>
      <p className="muted">{t('followUp.intro')}</p>
      {may('replies.review') ? <AwaitingDecision me={me} /> : null}
      <div className="two-columns">
        <NewReply />
        <NewCommitment />
      </div>
      {may('commitments.close') ? <OpenCommitments me={me} /> : null}
    </>
  );
}

function useStatesAndRecommendations() {
  return { states: useStateChoices(), recommendations: useRecommendationChoices() };
}

function NewReply() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const choices = useStatesAndRecommendations();
  const create = useMutation(trpc.replies.create.mutationOptions());
  const { errors, formError, run } = useCheckedSubmit();
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    const parsed = replyCreateInput.safeParse({
      iso3: formText(form, 'iso3'),
      recommendationKey: formText(form, 'recommendationKey'),
      kind: formText(form, 'kind') || undefined,
      summary: formText(form, 'summary'),
      sourceUrl: formText(form, 'sourceUrl'),
      publishedOn: formText(form, 'publishedOn'),
      claimedStatus: formText(form, 'claimedStatus') || null,
    });
    if (await run(parsed, (data) => create.mutateAsync(data))) {
      target.reset();
      setDone(true);
      await invalidate.followUp();
    }
  }

  return (
    <EntryForm id="new-reply-heading" title={t('replies.new')} hint={t('replies.newHint')} done={done} formError={formError} onSubmit={submit} onChange={() => setDone(false)}>
      <Select label={t('state.name')} name="iso3" defaultValue="" placeholder={t('form.choose')} options={choices.states} error={errors['iso3']} />
      <Select label={t('overview.recommendation')} name="recommendationKey" defaultValue="" placeholder={t('form.choose')} options={choices.recommendations} error={errors['recommendationKey']} />
      <Select label={t('replies.kindLabel')} name="kind" defaultValue="" placeholder={t('form.choose')} options={replyKinds.map((k) => ({ value: k, label: t(`replies.kind.${k}`) }))} error={errors['kind']} />
      <TextArea label={t('replies.summary')} name="summary" rows={4} maxLength={fieldLimits.replySummary} error={errors['summary']} />
      <Select label={t('replies.claimedLabel')} name="claimedStatus" defaultValue="" placeholder={t('assess.noClaim')} options={assessmentStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))} error={errors['claimedStatus']} />
      <Field label={t('followUp.sourceUrl')} name="sourceUrl" type="url" inputMode="url" maxLength={fieldLimits.url} error={errors['sourceUrl']} />
      <Field label={t('replies.publishedOn')} name="publishedOn" type="date" error={errors['publishedOn']} />
      <button type="submit" disabled={create.isPending}>
        {t('replies.submit')}
      </button>
    </EntryForm>
  );
}

function NewCommitment() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const choices = useStatesAndRecommendations();
  const create = useMutation(trpc.commitments.create.mutationOptions());
  const { errors, formError, run } = useCheckedSubmit();
  const [keys, setKeys] = useState<string[]>([]);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    const parsed = commitmentCreateInput.safeParse({
      iso3: formText(form, 'iso3'),
      recommendationKeys: keys,
      text: formText(form, 'text'),
      sourceUrl: formText(form, 'sourceUrl'),
      madeOn: formText(form, 'madeOn'),
      dueBy: formText(form, 'dueBy') || null,
    });
    if (await run(parsed, (data) => create.mutateAsync(data))) {
      target.reset();
      setKeys([]);
      setDone(true);
      await invalidate.followUp();
    }
  }

  return (
    <EntryForm id="new-commitment-heading" title={t('commitments.new')} hint={t('commitments.newHint')} done={done} formError={formError} onSubmit={submit} onChange={() => setDone(false)}>
      <Select label={t('state.name')} name="iso3" defaultValue="" placeholder={t('form.choose')} options={choices.states} error={errors['iso3']} />
      <CheckboxGroup
        legend={t('commitments.recommendations')}
        name="recommendationKeys"
        options={choices.recommendations}
        selected={keys}
        onToggle={(key) => setKeys((k) => toggled(k, key))}
        error={errors['recommendationKeys']}
      />
      <TextArea label={t('commitments.text')} name="text" rows={3} maxLength={fieldLimits.commitmentText} error={errors['text']} />
      <Field label={t('followUp.sourceUrl')} name="sourceUrl" type="url" inputMode="url" maxLength={fieldLimits.url} error={errors['sourceUrl']} />
      <Field label={t('commitments.madeOnLabel')} name="madeOn" type="date" error={errors['madeOn']} />
      <Field label={t('commitments.dueByLabel')} hint={t('commitments.dueByHint')} name="dueBy" type="date" error={errors['dueBy']} />
      <button type="submit" disabled={create.isPending}>
        {t('commitments.submit')}
      </button>
    </EntryForm>
  );
}

/** A form that enters a reply or commitment, with its heading, and says when it was entered. */
function EntryForm(props: {
  id: string;
  title: string;
  hint: string;
  done: boolean;
  formError: string | null;
  onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
  onChange: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <p className="muted small">{props.hint}</p>
      {props.done ? (
        <div className="notice" role="status">
          {t('followUp.entered')}
        </div>
      ) : null}
      <FormError message={props.formError} />
      <form onSubmit={(e) => void props.onSubmit(e)} noValidate aria-labelledby={props.id} onChange={props.onChange}>
        {props.children}
      </form>
    </section>
  );
}

/** Replies and commitments entered by others, awaiting a reviewer's decision. */
function AwaitingDecision({ me }: { me: Me }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const replies = useQuery(trpc.replies.list.queryOptions({ reviewState: 'proposed' }));
  const commitments = useQuery(trpc.commitments.list.queryOptions({ reviewState: 'proposed' }));
  return (
    <section aria-labelledby="awaiting-heading">
      <h2 id="awaiting-heading">{t('followUp.awaiting')}</h2>
      <Loadable query={replies} skeleton={<SkeletonRows rows={2} />} isEmpty={(rows) => rows.length === 0} empty={<p className="muted">{t('followUp.noReplies')}</p>}>
        {(rows) => (
          <ul className="plain">
            {rows.map((r) => (
              <li key={r.id} className="intake-item">
                <ReplyCard reply={r} withState />
                <p className="small muted">{r.recommendationKey}</p>
                <Decide kind="reply" id={r.id} own={'createdBy' in r && r.createdBy === me.id} />
              </li>
            ))}
          </ul>
        )}
      </Loadable>
      <Loadable query={commitments} skeleton={<SkeletonRows rows={2} />} isEmpty={(rows) => rows.length === 0} empty={<p className="muted">{t('followUp.noCommitments')}</p>}>
        {(rows) => (
          <ul className="plain">
            {rows.map((c) => (
              <li key={c.id} className="intake-item">
                <CommitmentTable rows={[c]} caption={t('commitments.proposed')} withState />
                <Decide kind="commitment" id={c.id} own={'createdBy' in c && c.createdBy === me.id} />
              </li>
            ))}
          </ul>
        )}
      </Loadable>
    </section>
  );
}

/** Accept (with the note the public reads as the tracker's answer) or return, for one reply or commitment. */
function Decide({ kind, id, own }: { kind: 'reply' | 'commitment'; id: string; own: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const replyReview = useMutation(trpc.replies.review.mutationOptions());
  const commitmentReview = useMutation(trpc.commitments.review.mutationOptions());
  const review = kind === 'reply' ? replyReview : commitmentReview;
  const { errors, formError, run } = useCheckedSubmit();
  if (own) return <p className="small muted">{t('followUp.ownEntry')}</p>;

  async function decide(form: HTMLFormElement, decision: 'accept' | 'return') {
    const note = formText(new FormData(form), 'note').trim();
    const checked = note ? { success: true as const, data: { id, decision, note } } : { success: false as const, error: { issues: [{ path: ['note'], message: t('followUp.noteNeeded'), code: 'custom' }] } };
    if (await run(checked, (data) => review.mutateAsync(data))) await invalidate.followUp();
  }

  return (
    <form onSubmit={(e) => e.preventDefault()} aria-label={t('followUp.decide')}>
      <FormError message={formError} />
      <TextArea label={t('followUp.note')} hint={t('followUp.noteHint')} name="note" rows={2} maxLength={fieldLimits.reviewNote} error={errors['note']} />
      <button type="button" disabled={review.isPending} onClick={(e) => e.currentTarget.form && void decide(e.currentTarget.form, 'accept')}>
        {t('followUp.accept')}
      </button>{' '}
      <button type="button" className="secondary" disabled={review.isPending} onClick={(e) => e.currentTarget.form && void decide(e.currentTarget.form, 'return')}>
        {t('followUp.return')}
      </button>
    </form>
  );
}

/** Accepted commitments not yet met or withdrawn: a reviewer records what became of each. */
function OpenCommitments({ me }: { me: Me }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const open = useQuery(trpc.commitments.list.queryOptions({ reviewState: 'accepted' }));
  return (
    <section aria-labelledby="open-commitments-heading">
      <h2 id="open-commitments-heading">{t('commitments.openTitle')}</h2>
      <Loadable
        query={open}
        skeleton={<SkeletonRows rows={3} />}
        isEmpty={(rows) => rows.every((c) => c.state === 'met' || c.state === 'withdrawn')}
        empty={<p className="muted">{t('commitments.noneOpen')}</p>}
      >
        {(rows) => (
          <ul className="plain">
            {rows
              .filter((c) => c.state !== 'met' && c.state !== 'withdrawn')
              .map((c) => (
                <li key={c.id} className="intake-item">
                  <CommitmentTable rows={[c]} caption={t('commitments.openTitle')} withState />
                  {'createdBy' in c && c.createdBy === me.id ? <p className="small muted">{t('followUp.ownEntry')}</p> : <CloseCommitment commitment={c} />}
                </li>
              ))}
          </ul>
        )}
      </Loadable>
    </section>
  );
}

function CloseCommitment({ commitment }: { commitment: Commitment }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const close = useMutation(trpc.commitments.close.mutationOptions());
  const { errors, formError, run } = useCheckedSubmit();
  const [outcome, setOutcome] = useState<'met' | 'withdrawn'>('met');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ids = formText(form, 'evidenceIds')
      .split(/[\s,]+/)
      .map((s) => s.replace(/^.*\/evidence\//, '').trim())
      .filter(Boolean);
    const parsed = commitmentCloseInput.safeParse(
      outcome === 'met'
        ? { id: commitment.id, outcome, on: formText(form, 'on'), evidenceIds: ids, note: formText(form, 'note').trim() || undefined }
        : { id: commitment.id, outcome, on: formText(form, 'on'), reason: formText(form, 'reason') },
    );
    if (await run(parsed, (data) => close.mutateAsync(data))) await invalidate.followUp();
  }

  return (
    <details>
      <summary>{t('commitments.close')}</summary>
      <FormError message={formError} />
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('commitments.close')}>
        <Select
          label={t('commitments.outcome')}
          name="outcome"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value === 'withdrawn' ? 'withdrawn' : 'met')}
          options={[
            { value: 'met', label: t('commitments.state.met') },
            { value: 'withdrawn', label: t('commitments.state.withdrawn') },
          ]}
        />
        <Field label={t('commitments.closedOn')} name="on" type="date" error={errors['on']} />
        {outcome === 'met' ? (
          <>
            <TextArea label={t('commitments.evidenceIds')} hint={t('commitments.evidenceIdsHint')} name="evidenceIds" rows={2} error={errors['evidenceIds']} />
            <Field label={t('followUp.note')} name="note" maxLength={fieldLimits.reviewNote} error={errors['note']} />
          </>
        ) : (
          <TextArea label={t('commitments.reason')} name="reason" rows={2} maxLength={fieldLimits.retractReason} error={errors['reason']} />
        )}
        <button type="submit" disabled={close.isPending}>
          {t('commitments.record')}
        </button>
      </form>
    </details>
  );
}

