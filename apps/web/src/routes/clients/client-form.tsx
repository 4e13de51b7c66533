import { useState, type ReactNode } from 'react';
import type { FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../api/clients';
import { AddressFields } from '../../forms/address-fields';
import { applyProblem } from '../../forms/apply-problem';
import { ClientContactFields } from '../../forms/contact-fields';
import { useContractForm } from '../../forms/use-contract-form';
import { Button, Checkbox, FieldRow, FormField, ProblemMessage, TextArea, TextInput } from '../../ui';
import type { z } from 'zod';

export interface ClientFormValues extends FieldValues {
  name: string;
  email: string;
  phone: string;
  dateOfBirth: string;
  address: { street: string; houseNumber: string; postcode: string; city: string };
  notes: string;
  /** Ticked: the client agreed to appointment mails (ADR 53). Sent only when changed, so the recorded time stays the decision's. */
  reminderConsent: boolean;
}

/**
 * The form's values for an existing client (empty strings for what it lacks), with its notes as read
 * with the treatment notes (ADR 64): the client itself says only whether it has any.
 */
export function clientFormValues(client?: Client, notes?: string | null): ClientFormValues {
  return {
    name: client?.name ?? '',
    email: client?.email ?? '',
    phone: client?.phone ?? '',
    dateOfBirth: client?.dateOfBirth ?? '',
    address: {
      street: client?.address?.street ?? '',
      houseNumber: client?.address?.houseNumber ?? '',
      postcode: client?.address?.postcode ?? '',
      city: client?.address?.city ?? '',
    },
    notes: notes ?? '',
    reminderConsent: client?.reminderConsent?.given ?? false,
  };
}

export interface ClientFormProps<S extends z.ZodType> {
  /** tenantDataApi.CreateClient or tenantDataApi.UpdateClient. */
  schema: S;
  /** `undefined` when creating (empty = not given), `null` when changing (empty = cleared). */
  emptyAs: 'undefined' | 'null';
  defaultValues: ClientFormValues;
  submitLabel: string;
  /** Sends the parsed body; rejects with the API's problem. */
  onSubmit: (body: z.output<S>) => Promise<unknown>;
  cancel: ReactNode;
}

/** A client's details, validated by the contracts schema of the request it makes. */
export function ClientForm<S extends z.ZodType>({ schema, emptyAs, defaultValues, submitLabel, onSubmit, cancel }: ClientFormProps<S>) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<unknown>();
  const form = useContractForm<ClientFormValues, S>(schema, { defaultValues, emptyAs });
  const { register, formState: { errors, isSubmitting } } = form;
  const submit = form.handleSubmit(async (parsed) => {
    setProblem(undefined);
    // An unchanged answer is not sent: a new client not ticked was not asked, rather than declining.
    const { reminderConsent, ...rest } = parsed as { reminderConsent?: boolean };
    const body = (reminderConsent === undefined || reminderConsent === defaultValues.reminderConsent ? rest : { ...rest, reminderConsent }) as z.output<S>;
    await onSubmit(body).catch((error: unknown) => setProblem(applyProblem(error, form)));
  });

  return (
    <form noValidate onSubmit={submit} className="flex max-w-2xl flex-col gap-6">
      {problem !== undefined && <ProblemMessage problem={problem} />}
      <FormField label={t('fields.client.name')} error={errors.name} required>
        <TextInput autoComplete="off" {...register('name')} />
      </FormField>
      <FieldRow className="sm:grid-cols-2">
        <ClientContactFields inRow register={register} errors={errors} />
      </FieldRow>
      <FormField label={t('fields.client.dateOfBirth')} error={errors.dateOfBirth} className="max-w-xs">
        <TextInput type="date" {...register('dateOfBirth')} />
      </FormField>
      <AddressFields prefix="address" register={register} errors={errors.address} legend={t('fields.client.address')} />
      <FormField label={t('fields.client.notes')} hint={t('fields.client.notesHint')} error={errors.notes}>
        <TextArea rows={4} {...register('notes')} />
      </FormField>
      <div className="flex flex-col gap-1">
        <Checkbox label={t('reminders.consentLabel')} error={errors.reminderConsent} {...register('reminderConsent')} />
        <p className="ml-8 text-sm text-stone-600">{t('reminders.consentHint')}</p>
      </div>
      <div className="flex flex-col-reverse gap-2 sm:flex-row">
        <Button type="submit" busy={isSubmitting}>{submitLabel}</Button>
        {cancel}
      </div>
    </form>
  );
}
