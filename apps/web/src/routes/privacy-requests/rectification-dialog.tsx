import { tenantDataApi } from '@homi/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../api/clients';
import type { PrivacyRequestAccepted } from '../../api/privacy-requests';
import { useCreatePrivacyRequest } from '../../api/privacy-requests';
import { applyProblem } from '../../forms/apply-problem';
import { ClientContactFields } from '../../forms/contact-fields';
import { useContractForm } from '../../forms/use-contract-form';
import { Alert, Button, Dialog, FormField, ProblemMessage, TextInput } from '../../ui';

/**
 * The client fields a correction can name: those every service holding them takes as text. Not the
 * notes: the institute's own record, changed in the client form, where reading them is audited (ADR 64).
 */
const Corrections = tenantDataApi.UpdateClient.pick({ name: true, email: true, phone: true, dateOfBirth: true });
type Field = keyof typeof Corrections.shape;
type Values = Record<Field, string>;

const valuesOf = (client: Client): Values => ({
  name: client.name, email: client.email ?? '', phone: client.phone ?? '', dateOfBirth: client.dateOfBirth ?? '',
});

export interface RectificationDialogProps {
  client: Client;
  tenantId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onRequested: (request: PrivacyRequestAccepted) => void;
}

/**
 * A correction the client asked for (GDPR art. 16): only the fields that change are sent, and every
 * service that holds them applies it — FactuurSturen too (art. 19) — with a report to follow.
 */
export function RectificationDialog({ client, tenantId, open, onOpenChange, onRequested }: RectificationDialogProps) {
  const { t } = useTranslation();
  const create = useCreatePrivacyRequest();
  const [problem, setProblem] = useState<unknown>();
  const [unchanged, setUnchanged] = useState(false);
  const current = valuesOf(client);
  const form = useContractForm<Values, typeof Corrections>(Corrections, { defaultValues: current });
  const { register, formState: { errors } } = form;

  const submit = form.handleSubmit(async (parsed) => {
    setProblem(undefined);
    const corrections = Object.fromEntries(
      Object.entries(parsed).filter(([field, value]) => typeof value === 'string' && value !== current[field as Field]),
    ) as Record<string, string>;
    const body = { type: 'rectification' as const, subject: { kind: 'client' as const, tenantId, clientId: client.id }, corrections };
    // A correction names at least one field (the contract's rule): nothing changed, nothing to send.
    setUnchanged(Object.keys(corrections).length === 0);
    if (Object.keys(corrections).length === 0) return;
    await create.mutateAsync(body).then(onRequested, (error: unknown) => setProblem(applyProblem(error, form, {}, 'corrections')));
  });

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('clientPrivacy.rectify.dialogTitle', { name: client.name })}
      description={t('clientPrivacy.rectify.dialogText')}
    >
      <form noValidate onSubmit={submit} className="flex flex-col gap-4">
        {problem !== undefined && <ProblemMessage problem={problem} />}
        {unchanged && <Alert tone="warning" title={t('clientPrivacy.rectify.unchanged')} />}
        <FormField label={t('fields.client.name')} error={errors.name}>
          <TextInput autoComplete="off" {...register('name')} />
        </FormField>
        <ClientContactFields register={register} errors={errors} />
        <FormField label={t('fields.client.dateOfBirth')} error={errors.dateOfBirth}>
          <TextInput type="date" {...register('dateOfBirth')} />
        </FormField>
        <p className="text-xs text-stone-600">{t('clientPrivacy.rectify.hint')}</p>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={create.isPending}>{t('common.cancel')}</Button>
          <Button type="submit" busy={create.isPending}>{t('clientPrivacy.rectify.submit')}</Button>
        </div>
      </form>
    </Dialog>
  );
}
