import type { TFunction } from 'i18next';
import { useMutation, useQuery } from '@tanstack/react-query';
import { credibilityGrades, directions, editOutcome, evidenceCreateInput, evidenceKinds, fieldLimits, lifecycleOfView, MAX_ATTACHMENT_BYTES, mayAttachToEvidence, mayEditEvidence, reliabilityGrades, visibilities } from '@tracker/domain';
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { FileChooser } from '../components/FileChooser';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { Outputs } from '../api-types';
import { CheckboxGroup, Field, FormError, Select, TextArea, toggled, useCheckedSubmit, type Choice } from '../components/Form';
import { SkeletonRows } from '../components/Loadable';
import { useFormat } from '../format';
import { RouteGuard } from '../components/RouteGuard';
import type { Me } from '../session';
import { useInvalidate } from '../invalidate';
import { useTRPC } from '../trpc';
import { clearDraft, loadDraft, saveDraft } from './drafts';
import { fileToBase64, newIdempotencyKey, uploadAttachment } from './upload';
import { useCatalogueText } from '../catalogue-text';

type Item = Outputs['evidence']['get'];

/**
 * The form's values, as strings for the inputs: an existing item's, or a new item's defaults. The
 * one list of the form's fields, with `toInput` below going back to the contract.
 */
function valuesOf(item: Item | null) {
  return {
    iso3: item?.iso3 ?? '',
    recommendationKeys: item?.recommendationKeys ?? ([] as string[]),
    siteIds: item?.sites.map((s) => s.id) ?? ([] as string[]),
    title: item?.title ?? '',
    summary: item?.summary ?? '',
    kind: item?.kind ?? '',
    direction: item?.direction ?? '',
    sourceUrl: item?.sourceUrl ?? '',
    publisher: item?.publisher ?? '',
    publishedOn: item?.publishedOn ?? '',
    language: item?.language ?? 'en',
    reliability: item?.reliability ?? '',
    credibility: item ? String(item.credibility) : '',
    visibility: item?.visibility ?? 'public',
    containsPersonalData: Boolean(item?.containsPersonalData),
  };
}
type Values = ReturnType<typeof valuesOf>;

/** Form strings to the contract's input; empty optional fields are left out. */
function toInput(v: Values) {
  return {
    iso3: v.iso3,
    recommendationKeys: v.recommendationKeys,
    siteIds: v.siteIds,
    title: v.title,
    summary: v.summary,
    kind: v.kind || undefined,
    direction: v.direction || undefined,
    sourceUrl: v.sourceUrl.trim() || null,
    publisher: v.publisher.trim() || null,
    publishedOn: v.publishedOn || null,
    language: v.language,
    reliability: v.reliability || undefined,
    credibility: v.credibility ? Number(v.credibility) : undefined,
    visibility: v.visibility,
    containsPersonalData: v.containsPersonalData,
  };
}

export function EvidenceFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  return (
    <RouteGuard needs={id ? 'evidence.update' : 'evidence.create'} denied={t('workspace.policymaker')} rows={10}>
      {(me) => <EvidenceFormLoader id={id ?? null} me={me} />}
    </RouteGuard>
  );
}

function EvidenceFormLoader({ id, me }: { id: string | null; me: Me }) {
  const trpc = useTRPC();
  const existing = useQuery({ ...trpc.evidence.get.queryOptions({ id: id ?? '' }), enabled: Boolean(id) });
  if (id && existing.isPending) return <SkeletonRows rows={10} />;
  const item = existing.data ?? null;
  return <EvidenceForm key={id ?? 'new'} id={id} initial={valuesOf(item)} item={item} me={me} />;
}

function EvidenceForm({ id, initial, item, me }: { id: string | null; initial: Values; item: Item | null; me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const trpc = useTRPC();
  const catalogueText = useCatalogueText();
  const invalidate = useInvalidate();
  const navigate = useNavigate();
  const location = useLocation();
  /** What the save that created this draft said, carried over from the new-evidence page. */
  const carried = location.state as SavedState | null;
  const draftKey = id ?? 'new';
  /** Files chosen on a new item, uploaded once the draft exists. */
  const [pending, setPending] = useState<File[]>([]);
  const { uploads, uploadAll } = useUploads();
  /** A draft kept in this browser from an earlier visit, read once. */
  const [stored] = useState(() => loadDraft<Values>(draftKey));
  const [values, setValues] = useState<Values>(stored?.values ?? initial);
  const [restored, setRestored] = useState(stored !== null);
  const { errors, formError, run } = useCheckedSubmit();
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(carried?.saved ? { text: savedMessage(t, carried), error: carried.failedFiles.length > 0 } : null);
  const recommendations = useQuery(trpc.catalogue.recommendations.queryOptions());
  const states = useQuery(trpc.states.list.queryOptions());
  const sites = useQuery({ ...trpc.sites.list.queryOptions({ iso3: values.iso3 }), enabled: values.iso3.length === 3 });
  const create = useMutation(trpc.evidence.create.mutationOptions());
  /** Kept until a create succeeds, so pressing Save again after a dropped connection cannot create a twin. */
  const createKey = useRef(newIdempotencyKey());
  const update = useMutation(trpc.evidence.update.mutationOptions());
  const submitForReview = useMutation(trpc.evidence.submit.mutationOptions());
  // The same rule the server applies (packages/domain/src/lifecycle.ts).
  const editable = !item || mayEditEvidence(lifecycleOfView(item), me).allowed;
  /** An edit to a verified item is a proposal for someone else to verify, not a draft. */
  const proposing = item !== null && editOutcome(item) === 'proposal';

  // Saved in the browser as the monitor types.
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  useEffect(() => {
    if (dirty) saveDraft(draftKey, values);
  }, [values, dirty, draftKey]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const toggle = (key: 'recommendationKeys' | 'siteIds', value: string) =>
    setValues((v) => ({ ...v, [key]: toggled(v[key], value) }));

  async function save(andSubmit: boolean) {
    setMessage(null);
    let savedId = id;
    let failedFiles: string[] = [];
    const ok = await run(evidenceCreateInput.safeParse(toInput(values)), async (data) => {
      if (!id) {
        savedId = (await create.mutateAsync({ ...data, idempotencyKey: createKey.current })).id;
        createKey.current = newIdempotencyKey();
        clearDraft(draftKey);
        // The draft exists now: its files go up one by one. One that fails stays off the item,
        // and the item is not sent for review without it.
        failedFiles = await uploadAll(savedId, pending);
      } else {
        await update.mutateAsync({ ...data, id, revision: item?.revision ?? 0 });
        clearDraft(draftKey);
      }
      if (andSubmit && savedId && failedFiles.length === 0) await submitForReview.mutateAsync({ id: savedId });
    });
    if (!ok) return;
    await invalidate.evidence();
    if (andSubmit && failedFiles.length === 0) await navigate('/workspace', { state: { notice: 'submitted' } });
    else if (!id && savedId) await navigate(`/workspace/evidence/${savedId}`, { replace: true, state: { saved: true, files: pending.length, failedFiles } satisfies SavedState });
    else setMessage({ text: proposing ? t('form.proposed') : t('form.saved') });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save(false);
  }

  const text = (name: 'title' | 'sourceUrl' | 'publisher' | 'publishedOn' | 'language', label: string, extra: InputHTMLAttributes<HTMLInputElement> & { hint?: string } = {}) => (
    <Field label={label} name={name} value={values[name]} onChange={(e: ChangeEvent<HTMLInputElement>) => set(name, e.target.value)} error={errors[name]} {...extra} />
  );
  const select = (name: 'iso3' | 'kind' | 'direction' | 'reliability' | 'credibility' | 'visibility', label: string, options: Choice[], hint?: string) => (
    <Select label={label} name={name} hint={hint} options={options} placeholder={t('form.choose')} value={values[name]} onChange={(e) => set(name, e.target.value)} error={errors[name]} />
  );

  return (
    <section>
      <p>
        <Link to="/workspace">{t('workspace.back')}</Link>
      </p>
      <h1>{id ? t('form.editTitle') : t('form.newTitle')}</h1>
      {item?.status === 'rejected' && item.reviewNote ? (
        <div className="notice notice-error">
          {t('form.rejectedNote')} {item.reviewNote}
        </div>
      ) : null}
      {item?.status === 'verified' && !item.pendingChange ? <div className="notice">{t('form.verifiedEdit')}</div> : null}
      {item?.pendingChange ? <div className="notice">{t('form.changePending', { date: format.date(item.pendingChange.at) })}</div> : null}
      {restored ? (
        <div className="notice" role="status">
          {t('form.restored', { time: format.date(stored?.savedAt ?? new Date().toISOString()) })}{' '}
          <button
            type="button"
            className="secondary small"
            onClick={() => {
              clearDraft(draftKey);
              setValues(initial);
              setRestored(false);
            }}
          >
            {t('form.discard')}
          </button>
        </div>
      ) : null}
      <FormError message={formError} />
      {message ? (
        <div className={message.error ? 'notice notice-error' : 'notice'} role="status">
          {message.text}
        </div>
      ) : null}
      {!editable ? (
        item?.pendingChange ? null : <div className="notice">{t('form.underReview')}</div>
      ) : (
        <form onSubmit={onSubmit} noValidate className="evidence-form">
          {select('iso3', t('state.name'), (states.data ?? []).map((s) => ({ value: s.iso3, label: catalogueText('state', s.iso3, 'name', s.name).text })))}
          <CheckboxGroup
            legend={t('form.recommendations')}
            options={(recommendations.data ?? []).map((r) => ({ value: r.key, label: `${r.key} ${r.title}` }))}
            selected={values.recommendationKeys}
            onToggle={(key) => toggle('recommendationKeys', key)}
            error={errors['recommendationKeys']}
          />
          {sites.data && sites.data.length > 0 ? (
            <CheckboxGroup legend={t('form.sites')} options={sites.data.map((site) => ({ value: site.id, label: site.name }))} selected={values.siteIds} onToggle={(site) => toggle('siteIds', site)} error={errors['siteIds']} />
          ) : null}
          {text('title', t('form.title'), { maxLength: fieldLimits.evidenceTitle, required: true })}
          <TextArea label={t('form.summary')} name="summary" rows={5} maxLength={fieldLimits.evidenceSummary} value={values.summary} onChange={(e) => set('summary', e.target.value)} error={errors['summary']} />
          {select('kind', t('explorer.kind'), evidenceKinds.map((k) => ({ value: k, label: t(`kind.${k}`) })))}
          {select('direction', t('explorer.direction'), directions.map((d) => ({ value: d, label: t(`direction.${d}`) })))}
          {text('sourceUrl', t('form.sourceUrl'), { type: 'url', inputMode: 'url', placeholder: 'https://' })}
          {text('publisher', t('form.publisher'))}
          {text('publishedOn', t('form.publishedOn'), { type: 'date' })}
          {text('language', t('form.language'), { hint: t('form.languageHint') })}
          {select('reliability', t('form.reliability'), reliabilityGrades.map((g) => ({ value: g, label: `${g} — ${t(`reliability.${g}`)}` })))}
          {select('credibility', t('form.credibility'), credibilityGrades.map((g) => ({ value: String(g), label: `${g} — ${t(`credibility.${g}`)}` })))}
          {select('visibility', t('form.visibility'), visibilities.map((v) => ({ value: v, label: t(`visibility.${v}`) })), t('form.visibilityHint'))}
          <label className="check">
            <input type="checkbox" checked={values.containsPersonalData} onChange={(e) => set('containsPersonalData', e.target.checked)} /> {t('form.personalData')}
          </label>
          {values.containsPersonalData ? <p className="hint">{t('form.personalDataHint')}</p> : null}
          {!id ? <PendingFiles files={pending} onChange={setPending} /> : null}
          <UploadProgress uploads={uploads} />
          <div className="form-actions">
            {proposing ? (
              <button type="submit" disabled={update.isPending}>
                {t('form.proposeChange')}
              </button>
            ) : (
              <>
                <button type="submit" disabled={create.isPending || update.isPending || uploads.some((u) => u.progress < 1 && !u.error)}>
                  {t('form.saveDraft')}
                </button>
                <button type="button" className="secondary" onClick={() => void save(true)} disabled={create.isPending || update.isPending || submitForReview.isPending}>
                  {t('form.saveAndSubmit')}
                </button>
              </>
            )}
          </div>
        </form>
      )}
      {id && item && mayAttachToEvidence(lifecycleOfView(item), me).allowed ? <Attachments id={id} files={item.attachments} /> : null}
    </section>
  );
}

/** What the new-evidence page hands to the draft it created: that it was saved, and how its files went. */
interface SavedState {
  saved: true;
  files: number;
  failedFiles: string[];
}

function savedMessage(t: TFunction, state: SavedState): string {
  if (state.failedFiles.length > 0) return t('form.draftSavedFilesFailed', { names: state.failedFiles.join(', ') });
  return state.files > 0 ? t('form.draftSavedWithFiles', { count: state.files }) : t('form.draftSaved');
}

interface Upload {
  name: string;
  progress: number;
  error?: string;
}

/** Uploads files to an item one at a time, each with its progress; returns the names of those that failed. */
function useUploads() {
  const { t } = useTranslation();
  const [uploads, setUploads] = useState<Upload[]>([]);
  async function uploadAll(id: string, files: readonly File[]): Promise<string[]> {
    const failed: string[] = [];
    for (const file of files) {
      setUploads((u) => [...u, { name: file.name, progress: 0 }]);
      const setRow = (patch: Partial<Upload>) => setUploads((u) => u.map((x) => (x.name === file.name ? { ...x, ...patch } : x)));
      try {
        if (file.size > MAX_ATTACHMENT_BYTES) throw new Error(t('form.tooBig'));
        await uploadAttachment({ id, filename: file.name, contentBase64: await fileToBase64(file) }, (p) => setRow({ progress: p }));
      } catch (error) {
        setRow({ error: (error as Error).message });
        failed.push(file.name);
      }
    }
    return failed;
  }
  return { uploads, uploadAll };
}

function UploadProgress({ uploads }: { uploads: readonly Upload[] }) {
  const { t } = useTranslation();
  return uploads.map((u) => (
    <div key={u.name} className="upload">
      <span>{u.name}</span>
      {u.error ? (
        <span className="field-error" role="alert">
          {u.error}
        </span>
      ) : (
        <progress max={1} value={u.progress} aria-label={t('form.uploading', { name: u.name })} />
      )}
    </div>
  ));
}

/** Files chosen for a new item before it exists: listed, removable, and uploaded when the draft is saved. */
function PendingFiles({ files, onChange }: { files: readonly File[]; onChange: (files: File[]) => void }) {
  const { t } = useTranslation();
  return (
    <FileChooser
      label={t('form.addFiles')}
      hint={`${t('form.filesHint')} ${t('form.filesOnSave')}`}
      files={files}
      onChange={onChange}
      maxBytes={MAX_ATTACHMENT_BYTES}
      tooBig={(name) => `${name}: ${t('form.tooBig')}`}
    />
  );
}

function Attachments({ id, files }: { id: string; files: { sha256: string; filename: string; size: number; mediaType: string }[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const invalidate = useInvalidate();
  const inputId = useId();
  const { uploads, uploadAll } = useUploads();

  async function onFiles(event: ChangeEvent<HTMLInputElement>) {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = '';
    await uploadAll(id, chosen);
    await invalidate.evidence();
  }

  return (
    <section aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`}>{t('evidencePage.attachments')}</h2>
      <ul className="files">
        {files.map((f) => (
          <li key={f.sha256}>
            {f.filename} <span className="muted">({f.mediaType}, {format.bytes(f.size)})</span>
            <div className="hash">
              SHA-256 <code>{f.sha256}</code>
            </div>
          </li>
        ))}
      </ul>
      <div className="field">
        <label htmlFor={inputId}>{t('form.addFiles')}</label>
        <p className="hint">{t('form.filesHint')}</p>
        <input id={inputId} type="file" multiple onChange={(e) => void onFiles(e)} />
      </div>
      <UploadProgress uploads={uploads} />
    </section>
  );
}
