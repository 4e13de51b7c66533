import { tenantDataApi } from '@homi/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useInstitute, useUpdateInstitute } from '../../api/institute';
import { encodeFieldMessage } from '../../forms/field-message';
import { Button, FormField, ProblemMessage, Skeleton, TextInput, useToast } from '../../ui';

/**
 * How many hours before an appointment its reminder is mailed (ADR 53): shown to every member, changed
 * with settings:edit; the contract's bounds check it before it is sent.
 */
export function ReminderSettings({ tenantId, canEdit }: { tenantId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const institute = useInstitute(tenantId);
  const update = useUpdateInstitute(tenantId);
  const toast = useToast();
  const [hours, setHours] = useState('');
  const [invalid, setInvalid] = useState(false);
  const stored = institute.data?.reminderLeadHours;
  useEffect(() => {
    if (stored !== undefined) setHours(String(stored));
  }, [stored]);
  const parsed = tenantDataApi.UpdateInstitute.safeParse({ reminderLeadHours: Number(hours) });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.success || hours.trim() === '') return setInvalid(true);
    setInvalid(false);
    await update.mutateAsync(parsed.data).then(() => toast(t('reminders.settings.saved')), () => undefined);
  };
  const error = invalid ? { type: 'validate', message: encodeFieldMessage({ key: 'validation.invalid' }) } : undefined;
  return (
    <section aria-labelledby="reminder-settings" className="mb-6 flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
      <h2 id="reminder-settings" className="font-semibold text-stone-900">{t('reminders.settings.title')}</h2>
      <p className="text-sm text-stone-700">{t('reminders.settings.lead')}</p>
      {institute.isPending ? (
        <Skeleton lines={2} />
      ) : institute.isError ? (
        <ProblemMessage problem={institute.error} onRetry={() => void institute.refetch()} />
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-3 sm:flex-row sm:items-end">
          {update.isError && <ProblemMessage problem={update.error} />}
          <FormField label={t('reminders.settings.leadHours')} hint={t('reminders.settings.leadHoursHint')} error={error} className="sm:max-w-md">
            <TextInput
              type="number" inputMode="numeric" min={tenantDataApi.REMINDER_LEAD_HOURS.min} max={tenantDataApi.REMINDER_LEAD_HOURS.max} step={1}
              value={hours} onChange={(event) => setHours(event.target.value)} disabled={!canEdit}
            />
          </FormField>
          {canEdit && <Button type="submit" busy={update.isPending}>{t('reminders.settings.save')}</Button>}
        </form>
      )}
    </section>
  );
}
