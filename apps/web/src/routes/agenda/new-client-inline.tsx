import { tenantDataApi } from '@homi/contracts';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateClient, type Client } from '../../api/clients';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import { useTenant } from '../../permissions/tenant-context';
import { Button, FormField, ProblemMessage, TextInput } from '../../ui';

interface NewClientValues {
  name: string;
  email: string;
  phone: string;
  [field: string]: string;
}

export interface NewClientInlineProps {
  name: string;
  onCreated: (client: Client) => void;
  onCancel: () => void;
}

/**
 * A client added while booking (clients:edit): name and the contact details a salon asks at the
 * phone; the rest can be filled in on the client's card later. Lives inside the appointment form,
 * so it is a group of fields with its own button rather than a form of its own.
 */
export function NewClientInline({ name, onCreated, onCancel }: NewClientInlineProps) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const create = useCreateClient(tenantId);
  const [problem, setProblem] = useState<unknown>();
  const form = useContractForm<NewClientValues, typeof tenantDataApi.CreateClient>(tenantDataApi.CreateClient, {
    defaultValues: { name, email: '', phone: '' },
  });
  const { register, formState: { errors, isSubmitting } } = form;
  const add = form.handleSubmit(async (body) => {
    setProblem(undefined);
    await create.mutateAsync(body).then(onCreated, (error: unknown) => setProblem(applyProblem(error, form)));
  });
  // Enter in these fields adds the client; it must not send the appointment form around them.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      void add();
    }
  };
  useEffect(() => form.setFocus('phone'), [form]);

  return (
    <fieldset onKeyDown={onKeyDown} className="flex flex-col gap-3 rounded-lg border border-stone-300 bg-stone-50 p-4">
      <legend className="px-1 text-sm font-semibold text-stone-900">{t('agenda.newClient.legend')}</legend>
      {problem !== undefined && <ProblemMessage problem={problem} />}
      <FormField label={t('fields.client.name')} error={errors.name} required>
        <TextInput autoComplete="off" {...register('name')} />
      </FormField>
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField label={t('fields.client.phone')} hint={t('fields.phoneHint')} error={errors.phone}>
          <TextInput type="tel" autoComplete="off" {...register('phone')} />
        </FormField>
        <FormField label={t('fields.client.email')} error={errors.email}>
          <TextInput type="email" inputMode="email" autoComplete="off" {...register('email')} />
        </FormField>
      </div>
      <div className="flex flex-col-reverse gap-2 sm:flex-row">
        <Button size="sm" onClick={() => void add()} busy={isSubmitting}>{t('agenda.newClient.add')}</Button>
        <Button size="sm" variant="secondary" onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </fieldset>
  );
}
