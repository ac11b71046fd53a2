import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Field, FormError, useCheckedSubmit, type Checked } from '../components/Form';
import { formText } from '../form-data';
import { useTRPC } from '../trpc';

const filterNames = ['userId', 'action', 'entityId', 'from', 'to'] as const;

/** The filters of a log as the address holds them, so a view can be shared with another administrator. */
export function useLogFilter() {
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(filterNames.flatMap((name) => (params.get(name) ? [[name, params.get(name)]] : []))) as Partial<Record<(typeof filterNames)[number], string>>;
  return { filter, setParams, address: params.toString() };
}

/**
 * The filter form both logs share: account, action (each log its own, by readable name), record
 * and days; checked with the log's own input schema before it changes the address.
 */
export function LogFilters({ label, schema, actions }: { label: string; schema: { safeParse: (value: unknown) => Checked<unknown> }; actions: readonly { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { filter, setParams, address } = useLogFilter();
  const { errors, formError, run } = useCheckedSubmit();
  const users = useQuery(trpc.users.list.queryOptions());

  async function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const chosen = Object.fromEntries(filterNames.flatMap((name) => (formText(form, name) ? [[name, formText(form, name)]] : [])));
    await run(schema.safeParse(chosen), () => {
      setParams(chosen);
      return Promise.resolve();
    });
  }

  return (
    <>
      <FormError message={formError} />
      {/* Made anew whenever the address changes, so the fields always show the filters in force. */}
      <form key={address} className="filters" onSubmit={(e) => void apply(e)} noValidate aria-label={label}>
        <div className="field">
          <label htmlFor="log-user">{t('accessLog.account')}</label>
          <select id="log-user" name="userId" defaultValue={filter.userId ?? ''}>
            <option value="">{t('accessLog.anyAccount')}</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({u.email})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-action">{t('accessLog.action')}</label>
          <select id="log-action" name="action" defaultValue={filter.action ?? ''}>
            <option value="">{t('accessLog.anyAction')}</option>
            {actions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <Field label={t('accessLog.record')} name="entityId" defaultValue={filter.entityId ?? ''} error={errors['entityId']} />
        <Field label={t('accessLog.from')} name="from" type="date" defaultValue={filter.from ?? ''} error={errors['from']} />
        <Field label={t('accessLog.to')} name="to" type="date" defaultValue={filter.to ?? ''} error={errors['to']} />
        <div className="filter-actions">
          <button type="submit">{t('accessLog.apply')}</button>
          <button
            type="button"
            className="secondary"
            onClick={() => setParams({})}
          >
            {t('accessLog.clear')}
          </button>
        </div>
      </form>
    </>
  );
}
