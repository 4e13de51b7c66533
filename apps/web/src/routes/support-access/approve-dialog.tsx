import { supportApi, type Module } from '@homi/contracts';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useDecideSupportAccess, type SupportAccessRequest } from '../../api/support-access';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import { formatDuration, formatTime } from '../../format';
import { useTenant } from '../../permissions/tenant-context';
import { Button, Checkbox, ChoiceGroup, Dialog, FormField, ProblemMessage, Select, useToast } from '../../ui';

/** Durations an owner can pick, in minutes; only those up to what was asked are offered. */
const DURATIONS = [15, 30, 60, 120, 240, 480, 720, 1440];

interface ApproveValues {
  modules: Module[];
  durationMinutes: number;
  /** '' keeps the asked mode; 'read' narrows a write request. */
  mode: '' | 'read';
}

/**
 * Approving a request, possibly narrower: fewer modules, a shorter time, read instead of write. The
 * body is validated by the contracts' ApproveSupportAccess; write needs support's co-approval first.
 */
export function ApproveDialog({ request, onClose }: { request: SupportAccessRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const decide = useDecideSupportAccess(tenantId);
  const toast = useToast();
  const [problem, setProblem] = useState<unknown>();
  const writeBlocked = request.mode === 'write' && !request.coApprovedBy;
  const form = useContractForm<ApproveValues, typeof supportApi.ApproveSupportAccess>(supportApi.ApproveSupportAccess, {
    defaultValues: { modules: [...request.modules], durationMinutes: request.durationMinutes, mode: writeBlocked ? 'read' : '' },
  });
  const durations = [...new Set([...DURATIONS.filter((d) => d < request.durationMinutes), request.durationMinutes])];
  const submit = form.handleSubmit(async (body) => {
    setProblem(undefined);
    try {
      const approved = await decide.mutateAsync({ verb: 'approve', id: request.id, body });
      toast(t('admin.supportAccess.approved', { time: approved.grant ? formatTime(approved.grant.expiresAt) : '' }));
      onClose();
    } catch (error) {
      setProblem(applyProblem(error, form));
    }
  });

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('admin.supportAccess.approveTitle', { ticket: request.ticketId })}
      description={t('admin.supportAccess.approveLead')}
    >
      <form noValidate onSubmit={submit} className="flex flex-col gap-5">
        {problem !== undefined && <ProblemMessage problem={problem} />}
        <Controller
          control={form.control}
          name="modules"
          render={({ field, fieldState }) => (
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1 text-sm font-medium text-stone-900">{t('admin.supportAccess.approveModules')}</legend>
              {request.modules.map((module, i) => (
                <Checkbox
                  key={module}
                  label={t(`admin.modules.${module}`)}
                  checked={field.value.includes(module)}
                  onChange={(event) => field.onChange(event.target.checked ? request.modules.filter((m) => m === module || field.value.includes(m)) : field.value.filter((m) => m !== module))}
                  onBlur={field.onBlur}
                  error={i === request.modules.length - 1 ? fieldState.error : undefined}
                />
              ))}
            </fieldset>
          )}
        />
        <FormField
          label={t('admin.supportAccess.approveDuration')}
          hint={t('admin.supportAccess.approveDurationHint', { asked: formatDuration(request.durationMinutes) })}
          error={form.formState.errors.durationMinutes}
        >
          <Select {...form.register('durationMinutes', { valueAsNumber: true })}>
            {durations.map((minutes) => <option key={minutes} value={minutes}>{formatDuration(minutes)}</option>)}
          </Select>
        </FormField>
        {request.mode === 'write' && (
          <ChoiceGroup
            layout="stacked"
            label={t('admin.supportAccess.approveMode')}
            error={form.formState.errors.mode}
            choices={[
              { value: '', label: writeBlocked ? t('admin.supportAccess.writeNeedsCoApproval') : t('admin.supportAccess.modes.write'), disabled: writeBlocked },
              { value: 'read', label: t('admin.supportAccess.modes.read') },
            ]}
            {...form.register('mode')}
          />
        )}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={onClose} disabled={form.formState.isSubmitting}>{t('common.cancel')}</Button>
          <Button type="submit" busy={form.formState.isSubmitting}>{t('admin.supportAccess.approveConfirm')}</Button>
        </div>
      </form>
    </Dialog>
  );
}
