import { tenantDataApi } from '@homi/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateTreatment, useTreatments, useUpdateTreatment, type Treatment } from '../../api/treatments';
import { encodeFieldMessage } from '../../forms/field-message';
import { formatDuration, formatMoney } from '../../format';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { ReminderSettings } from './reminder-settings';
import { Badge, Button, EmptyState, FieldRow, FormField, PageHeader, ProblemMessage, Select, Skeleton, TextInput, useToast } from '../../ui';

const TAX_RATES = [21, 9, 0] as const;

/** A new treatment: name, minutes, price in euros and VAT, checked by the contract before it is sent. */
function NewTreatmentForm({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation();
  const create = useCreateTreatment(tenantId);
  const toast = useToast();
  const [values, setValues] = useState({ name: '', durationMinutes: '60', price: '', taxRate: '21' });
  const [invalid, setInvalid] = useState(false);
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues({ ...values, [key]: event.target.value });
  const parsed = tenantDataApi.CreateTreatment.safeParse({
    name: values.name,
    durationMinutes: Number(values.durationMinutes),
    priceCents: values.price.trim() === '' ? Number.NaN : Math.round(Number(values.price.replace(',', '.')) * 100),
    taxRate: Number(values.taxRate),
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.success) return setInvalid(true);
    await create.mutateAsync(parsed.data).then(() => {
      toast(t('treatments.added'));
      setValues({ ...values, name: '', price: '' });
      setInvalid(false);
    }, () => undefined);
  };
  const fieldError = (path: string) =>
    invalid && !parsed.success && parsed.error.issues.some((issue) => issue.path[0] === path) ? { type: 'validate', message: encodeFieldMessage({ key: 'validation.invalid' }) } : undefined;
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="mb-6 flex flex-col gap-4 rounded-xl border border-stone-200 bg-white p-4" aria-label={t('treatments.new')}>
      <h2 className="font-semibold text-stone-900">{t('treatments.new')}</h2>
      {create.isError && <ProblemMessage problem={create.error} />}
      {invalid && !parsed.success && <p role="alert" className="text-sm text-red-700">{t('treatments.invalid')}</p>}
      <FieldRow className="sm:grid-cols-4">
        <FormField inRow label={t('treatments.fields.name')} required error={fieldError('name')} className="sm:col-span-2">
          <TextInput value={values.name} onChange={set('name')} autoComplete="off" />
        </FormField>
        <FormField inRow label={t('treatments.fields.duration')} hint={t('treatments.fields.durationHint')} required error={fieldError('durationMinutes')}>
          <TextInput type="number" inputMode="numeric" min={5} max={480} step={5} value={values.durationMinutes} onChange={set('durationMinutes')} />
        </FormField>
        <FormField inRow label={t('treatments.fields.price')} hint={t('treatments.fields.priceHint')} required error={fieldError('priceCents')}>
          <TextInput inputMode="decimal" value={values.price} onChange={set('price')} />
        </FormField>
        <FormField inRow label={t('treatments.fields.taxRate')}>
          <Select value={values.taxRate} onChange={set('taxRate')}>
            {TAX_RATES.map((rate) => <option key={rate} value={rate}>{`${rate}%`}</option>)}
          </Select>
        </FormField>
      </FieldRow>
      <div className="flex justify-end">
        <Button type="submit" busy={create.isPending}>{t('treatments.add')}</Button>
      </div>
    </form>
  );
}

function TreatmentRow({ treatment, canEdit, tenantId }: { treatment: Treatment; canEdit: boolean; tenantId: string }) {
  const { t } = useTranslation();
  const update = useUpdateTreatment(tenantId);
  return (
    <li className="flex flex-col gap-2 rounded-xl border border-stone-200 bg-white p-4 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <h3 className="font-semibold text-stone-900">
          {treatment.name} {!treatment.active && <Badge tone="neutral">{t('treatments.inactive')}</Badge>}
        </h3>
        <p className="text-sm text-stone-700">
          {t('treatments.summary', { duration: formatDuration(treatment.durationMinutes), price: formatMoney(treatment.priceCents), rate: treatment.taxRate })}
        </p>
        {update.isError && <ProblemMessage problem={update.error} />}
      </div>
      {canEdit && (
        <Button variant="secondary" busy={update.isPending} onClick={() => update.mutate({ id: treatment.id, active: !treatment.active })}>
          {treatment.active ? t('treatments.deactivate') : t('treatments.activate')}
        </Button>
      )}
    </li>
  );
}

/** /t/$tenantId/treatments: what the institute offers (agenda:view), managed with settings:edit. */
export function TreatmentsPage() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canEdit = useCan('settings', 'edit');
  const treatments = useTreatments(tenantId);
  return (
    <>
      <PageHeader title={t('treatments.title')} description={t('treatments.lead')} />
      <ReminderSettings tenantId={tenantId} canEdit={canEdit} />
      {canEdit && <NewTreatmentForm tenantId={tenantId} />}
      {treatments.isPending ? (
        <Skeleton />
      ) : treatments.isError ? (
        <ProblemMessage problem={treatments.error} onRetry={() => void treatments.refetch()} />
      ) : treatments.data.length === 0 ? (
        <EmptyState title={t('treatments.empty')} />
      ) : (
        <ul className="flex flex-col gap-3" aria-label={t('treatments.title')}>
          {treatments.data.map((treatment) => <TreatmentRow key={treatment.id} treatment={treatment} canEdit={canEdit} tenantId={tenantId} />)}
        </ul>
      )}
    </>
  );
}
