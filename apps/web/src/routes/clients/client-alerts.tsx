import { tenantDataApi } from '@homi/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientAlerts, useReplaceClientAlerts, type ClientAlert } from '../../api/client-health';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Alert, Button, FormField, ProblemMessage, Select, TextInput } from '../../ui';

/** The alerts as a list: kind, then text. */
function AlertList({ alerts }: { alerts: readonly ClientAlert[] }) {
  const { t } = useTranslation();
  return (
    <ul className="flex flex-col gap-1">
      {alerts.map((alert, i) => (
        <li key={i}>
          <span className="font-semibold">{t(`health.alerts.kinds.${alert.kind}`)}:</span> {alert.text}
        </li>
      ))}
    </ul>
  );
}

/** In the booking form: the chosen client's alerts, as a warning, or that there are none. Read only with clients:view. */
export function ClientAlertsNotice({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const alerts = useClientAlerts(tenantId, clientId, { enabled: useCan('clients', 'view') });
  if (alerts.isError) return <p className="text-sm text-stone-700">{t('health.alerts.unavailable')}</p>;
  if (!alerts.isSuccess) return null;
  if (alerts.data.length === 0) return <p className="text-sm text-stone-600">{t('health.alerts.none')}</p>;
  return (
    <Alert tone="warning" title={t('health.alerts.bookingTitle', { count: alerts.data.length })}>
      <AlertList alerts={alerts.data} />
    </Alert>
  );
}

const blank = (): ClientAlert => ({ kind: 'allergy', text: '' });

/** Changing the alerts: one row per alert, saved as a whole. */
function AlertsEditor({ clientId, initial, onDone }: { clientId: string; initial: readonly ClientAlert[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const replace = useReplaceClientAlerts(tenantId, clientId);
  const [rows, setRows] = useState<ClientAlert[]>(initial.length ? [...initial] : [blank()]);
  const change = (i: number, next: Partial<ClientAlert>) => setRows(rows.map((row, j) => (j === i ? { ...row, ...next } : row)));
  const filled = rows.filter((row) => row.text.trim() !== '');
  const valid = tenantDataApi.ClientAlerts.safeParse({ items: filled }).success;
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        replace.mutate(filled, { onSuccess: onDone });
      }}
    >
      {replace.isError && <ProblemMessage problem={replace.error} />}
      {rows.map((row, i) => (
        <fieldset key={i} className="grid gap-3 rounded-lg border border-stone-200 p-3 sm:grid-cols-[12rem_minmax(0,1fr)_auto] sm:items-end">
          <legend className="sr-only">{t('health.alerts.rowLegend', { n: i + 1 })}</legend>
          <FormField label={t('health.alerts.kind')}>
            <Select value={row.kind} onChange={(event) => change(i, { kind: event.target.value as ClientAlert['kind'] })}>
              {tenantDataApi.ALERT_KINDS.map((kind) => <option key={kind} value={kind}>{t(`health.alerts.kinds.${kind}`)}</option>)}
            </Select>
          </FormField>
          <FormField label={t('health.alerts.text')} hint={t('health.alerts.textHint')}>
            <TextInput maxLength={500} value={row.text} onChange={(event) => change(i, { text: event.target.value })} />
          </FormField>
          <Button variant="ghost" onClick={() => setRows(rows.filter((_, j) => j !== i))}>{t('health.alerts.remove')}</Button>
        </fieldset>
      ))}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-between">
        <Button variant="secondary" disabled={rows.length >= 20} onClick={() => setRows([...rows, blank()])}>{t('health.alerts.add')}</Button>
        <div className="flex flex-col-reverse gap-2 sm:flex-row">
          <Button variant="secondary" onClick={onDone}>{t('common.cancel')}</Button>
          <Button type="submit" busy={replace.isPending} disabled={!valid}>{t('health.alerts.save')}</Button>
        </div>
      </div>
    </form>
  );
}

/** On the client card: the alerts, changed with clients:edit. */
export function ClientAlertsPanel({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canEdit = useCan('clients', 'edit');
  const alerts = useClientAlerts(tenantId, clientId);
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby="alerts" className="rounded-xl border border-amber-300 bg-white p-5 lg:col-span-2">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="alerts" className="text-lg font-semibold">{t('health.alerts.title')}</h2>
        {canEdit && !editing && alerts.isSuccess && <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>{t('health.alerts.edit')}</Button>}
      </div>
      {alerts.isError ? (
        <ProblemMessage problem={alerts.error} onRetry={() => void alerts.refetch()} />
      ) : !alerts.isSuccess ? (
        <p className="text-stone-600">{t('health.alerts.loading')}</p>
      ) : editing ? (
        <AlertsEditor clientId={clientId} initial={alerts.data} onDone={() => setEditing(false)} />
      ) : alerts.data.length === 0 ? (
        <p className="text-stone-600">{t('health.alerts.none')}</p>
      ) : (
        <div className="text-amber-950"><AlertList alerts={alerts.data} /></div>
      )}
      <p className="mt-3 text-xs text-stone-600">{t('health.recorded')}</p>
    </section>
  );
}
