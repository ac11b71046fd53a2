import { useMutation, useQuery } from '@tanstack/react-query';
import { roles, userCreateInput } from '@tracker/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Outputs } from '../api-types';
import { Field, FormError, Select, useCheckedSubmit } from '../components/Form';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { useFormat } from '../format';
import { RouteGuard } from '../components/RouteGuard';
import type { Me } from '../session';
import { useInvalidate } from '../invalidate';
import { useTRPC } from '../trpc';
import { ImportEvidence } from './ImportEvidence';
import { useErrorText } from '../error-text';
import { formText } from '../form-data';
import { TableWrap } from '../components/TableWrap';

/** Accounts, roles, State limits, password links and the second-factor rule per role. */
export function AdminPage() {
  const { t } = useTranslation();
  return (
    <RouteGuard needs="users.list" denied={t('admin.onlyAdmins')}>
      {(me) => <Administration me={me} />}
    </RouteGuard>
  );
}

function Administration({ me }: { me: Me }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const users = useQuery(trpc.users.list.queryOptions());
  const policies = useQuery(trpc.users.policies.queryOptions());
  return (
    <>
      <div className="page-head">
        <h1>{t('admin.title')}</h1>
        <Link to="/admin/audit">{t('admin.auditLink')}</Link> · <Link to="/admin/access">{t('accessLog.link')}</Link> · <Link to="/admin/translations">{t('translations.link')}</Link>
      </div>
      <NewUser />
      <section aria-labelledby="users-heading">
        <h2 id="users-heading">{t('admin.users')}</h2>
        <Loadable query={users} skeleton={<SkeletonRows rows={5} />}>
          {(rows) => (
            <TableWrap>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('auth.name')}</th>
                    <th scope="col">{t('account.role')}</th>
                    <th scope="col">{t('admin.states')}</th>
                    <th scope="col">{t('admin.status')}</th>
                    <th scope="col">{t('admin.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((u) => (
                    <UserRow key={u.id} user={u} self={u.id === me.id} />
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </Loadable>
      </section>
      <ImportEvidence />
      <section aria-labelledby="policy-heading">
        <h2 id="policy-heading">{t('admin.policies')}</h2>
        <Loadable query={policies} skeleton={<SkeletonRows rows={4} />}>
          {(rows) => <Policies rows={rows} />}
        </Loadable>
      </section>
    </>
  );
}

type User = Outputs['users']['list'][number];

/** A one-time link: whose it is, until when it works, and a button that copies it. */
function LinkNotice({ path, expiresAt, name, email }: { path: string; expiresAt: string; name: string; email: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [copied, setCopied] = useState(false);
  const url = `${window.location.origin}${path}`;
  return (
    <div className="notice" role="status">
      <p>{t('admin.linkFor', { name, email, date: format.dateTime(expiresAt) })}</p>
      <p>
        <code className="secret">{url}</code>
      </p>
      <button
        type="button"
        className="secondary small"
        onClick={() =>
          void navigator.clipboard.writeText(url).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {t('admin.copy')}
      </button>{' '}
      <span>{copied ? t('admin.copied') : ''}</span>
    </div>
  );
}

function NewUser() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const id = useId();
  const create = useMutation(trpc.users.create.mutationOptions());
  const { errors, formError, run } = useCheckedSubmit();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const states = formText(form, 'states')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((s) => s.toUpperCase());
    const parsed = userCreateInput.safeParse({ email: form.get('email'), displayName: form.get('displayName'), role: form.get('role') || undefined, states });
    if (await run(parsed, (data) => create.mutateAsync(data))) {
      formElement.reset();
      await invalidate.users();
    }
  }
  return (
    <section aria-labelledby={`${id}-heading`} className="narrow">
      <h2 id={`${id}-heading`}>{t('admin.newUser')}</h2>
      <FormError message={formError} />
      {create.data ? <LinkNotice path={create.data.passwordLink.path} expiresAt={create.data.passwordLink.expiresAt} name={create.data.displayName} email={create.data.email} /> : null}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('auth.name')} name="displayName" error={errors['displayName']} />
        <Field label={t('auth.email')} name="email" type="email" error={errors['email']} />
        <Select label={t('account.role')} name="role" defaultValue="" placeholder={t('form.choose')} options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} error={errors['role']} />
        <Field label={t('admin.statesLimit')} name="states" hint={t('admin.statesHint')} error={errors['states']} />
        <button type="submit" disabled={create.isPending}>
          {t('admin.create')}
        </button>
      </form>
    </section>
  );
}

type Pending = { role: (typeof roles)[number] } | { active: false } | null;

/**
 * One account. A role change or a deactivation is asked for first and then said done; reactivating
 * needs no question. A password link stays with the row it was made for, names whose it is and
 * until when it works, and can be copied.
 */
function UserRow({ user, self }: { user: User; self: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const update = useMutation(trpc.users.update.mutationOptions());
  const errorText = useErrorText();
  const reset = useMutation(trpc.users.resetLink.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [said, setSaid] = useState('');
  const change = async (patch: { role?: (typeof roles)[number]; active?: boolean }) => {
    setError(null);
    setPending(null);
    try {
      await update.mutateAsync({ id: user.id, updatedAt: user.updatedAt, ...patch });
      await invalidate.users();
      setSaid(
        patch.role
          ? t('admin.roleChanged', { name: user.displayName, role: t(`role.${patch.role}`) })
          : patch.active
            ? t('admin.reactivated', { name: user.displayName })
            : t('admin.deactivated', { name: user.displayName }),
      );
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <tr>
      <th scope="row">
        {user.displayName}
        <div className="muted small">{user.email}</div>
        {user.isDemo ? <span className="tag tag-demo">{t('common.demo')}</span> : null}
      </th>
      <td>
        <select
          aria-label={t('admin.roleOf', { name: user.displayName })}
          value={pending && 'role' in pending ? pending.role : user.role}
          disabled={self || update.isPending}
          onChange={(e) => {
            const role = e.target.value as (typeof roles)[number];
            setSaid('');
            setPending(role === user.role ? null : { role });
          }}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>{user.states.length ? user.states.join(', ') : t('admin.allStates')}</td>
      <td>
        {user.active ? t('admin.active') : t('admin.inactive')}
        {user.totpEnabled ? <div className="muted small">{t('admin.totpOn')}</div> : null}
      </td>
      <td>
        <div className="no-print">
          {!self ? (
            <button
              type="button"
              className="secondary small"
              onClick={() => {
                setSaid('');
                if (user.active) setPending({ active: false });
                else void change({ active: true });
              }}
            >
              {user.active ? t('admin.deactivate') : t('admin.reactivate')}
            </button>
          ) : null}
          <button type="button" className="secondary small" onClick={() => reset.mutate({ id: user.id })}>
            {t('admin.resetLink')}
          </button>
        </div>
        {pending ? (
          <div className="confirm" role="alertdialog" aria-label={'role' in pending ? t('admin.confirmRoleButton') : t('admin.confirmDeactivateButton')}>
            <p>
              {'role' in pending
                ? t('admin.confirmRole', { name: user.displayName, from: t(`role.${user.role}`), to: t(`role.${pending.role}`) })
                : t('admin.confirmDeactivate', { name: user.displayName })}
            </p>
            <button type="button" className="small" disabled={update.isPending} onClick={() => void change(pending)}>
              {'role' in pending ? t('admin.confirmRoleButton') : t('admin.confirmDeactivateButton')}
            </button>{' '}
            <button type="button" className="secondary small" onClick={() => setPending(null)}>
              {t('admin.cancel')}
            </button>
          </div>
        ) : null}
        <p role="status" className="small">
          {said}
        </p>
        {reset.data ? <LinkNotice path={reset.data.path} expiresAt={reset.data.expiresAt} name={user.displayName} email={user.email} /> : null}
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

function Policies({ rows }: { rows: { role: (typeof roles)[number]; requireTotp: boolean }[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const set = useMutation(trpc.users.setPolicy.mutationOptions());
  return (
    <fieldset className="field">
      <legend>{t('admin.requireTotp')}</legend>
      {rows.map((p) => (
        <label key={p.role} className="check">
          <input
            type="checkbox"
            checked={p.requireTotp}
            onChange={(e) => set.mutate({ role: p.role, requireTotp: e.target.checked }, { onSuccess: () => void invalidate.users() })}
          />{' '}
          {t(`role.${p.role}`)}
        </label>
      ))}
    </fieldset>
  );
}
