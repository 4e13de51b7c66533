import { MODULES, SUPPORT_REASONS, supportApi, type Module, type SupportMode, type SupportReason } from '@homi/contracts';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useAskAccess } from '../../api/support-requests';
import { validateAskSearch } from './ask-search';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import { formatDuration } from '../../format';
import { Button, Checkbox, ChoiceGroup, FormField, Link, PageHeader, ProblemMessage, Select, TextInput, useToast } from '../../ui';

/** Durations support can ask for, in minutes (the contract allows up to 24 hours). */
const DURATIONS = [15, 30, 60, 120, 240, 480, 720, 1440];

interface AskValues {
  tenantId: string;
  reason: SupportReason;
  ticketId: string;
  modules: Module[];
  mode: SupportMode;
  durationMinutes: number;
}

/** /support/new: asking an institute for access, validated by the contracts' CreateSupportAccessRequest. */
export function AskAccessPage() {
  const { t } = useTranslation();
  const search = validateAskSearch(useSearch({ strict: false }));
  const ask = useAskAccess();
  const navigate = useNavigate();
  const toast = useToast();
  const [problem, setProblem] = useState<unknown>();
  const form = useContractForm<AskValues, typeof supportApi.CreateSupportAccessRequest>(supportApi.CreateSupportAccessRequest, {
    defaultValues: { tenantId: search.tenantId ?? '', reason: 'customer_initiated', ticketId: search.ticketId ?? '', modules: [], mode: 'read', durationMinutes: 60 },
  });
  const submit = form.handleSubmit(async (body) => {
    setProblem(undefined);
    try {
      const asked = await ask.mutateAsync(body);
      toast(t('support.ask.sent', { ticket: asked.ticketId }));
      await navigate({ to: '/support' });
    } catch (error) {
      setProblem(applyProblem(error, form, { 'tenant-not-found': 'tenantId', 'ticket-required': 'ticketId' }));
    }
  });
  const { errors } = form.formState;

  return (
    <>
      <PageHeader title={t('support.ask.title')} description={t('support.ask.lead')} back={<Link to="/support">← {t('support.ask.back')}</Link>} />
      <form noValidate onSubmit={submit} className="flex max-w-2xl flex-col gap-5 rounded-xl border border-stone-200 bg-white p-5">
        {problem !== undefined && <ProblemMessage problem={problem} />}
        <FormField label={t('support.ask.tenantId')} hint={t('support.ask.tenantIdHint')} error={errors.tenantId} required>
          <TextInput {...form.register('tenantId')} autoComplete="off" spellCheck={false} />
        </FormField>
        <FormField label={t('support.ask.ticket')} hint={t('support.ask.ticketHint')} error={errors.ticketId} required>
          <TextInput {...form.register('ticketId')} autoComplete="off" spellCheck={false} />
        </FormField>
        <FormField label={t('support.ask.reason')} error={errors.reason} required>
          <Select {...form.register('reason')}>
            {SUPPORT_REASONS.map((reason) => <option key={reason} value={reason}>{t(`support.ask.reasons.${reason}`)}</option>)}
          </Select>
        </FormField>
        <Controller
          control={form.control}
          name="modules"
          render={({ field, fieldState }) => (
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1 text-sm font-medium text-stone-900">{t('support.ask.modules')}</legend>
              {MODULES.map((module, i) => (
                <Checkbox
                  key={module}
                  label={t(`admin.modules.${module}`)}
                  checked={field.value.includes(module)}
                  onChange={(event) => field.onChange(event.target.checked ? MODULES.filter((m) => m === module || field.value.includes(m)) : field.value.filter((m) => m !== module))}
                  onBlur={field.onBlur}
                  error={i === MODULES.length - 1 ? fieldState.error : undefined}
                />
              ))}
            </fieldset>
          )}
        />
        <ChoiceGroup
          layout="stacked"
          label={t('support.ask.mode')}
          error={errors.mode}
          choices={[{ value: 'read', label: t('support.ask.modes.read') }, { value: 'write', label: t('support.ask.modes.write') }]}
          {...form.register('mode')}
        />
        <FormField label={t('support.ask.duration')} hint={t('support.ask.durationHint')} error={errors.durationMinutes} required>
          <Select {...form.register('durationMinutes', { valueAsNumber: true })}>
            {DURATIONS.map((minutes) => <option key={minutes} value={minutes}>{formatDuration(minutes)}</option>)}
          </Select>
        </FormField>
        <div className="flex justify-end">
          <Button type="submit" busy={form.formState.isSubmitting}>{t('support.ask.submit')}</Button>
        </div>
      </form>
    </>
  );
}
