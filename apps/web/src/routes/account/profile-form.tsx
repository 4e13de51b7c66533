import { identityApi } from '@homi/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateMe } from '../../api/account';
import type { Me } from '../../api/me';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import { Button, FormField, ProblemMessage, TextInput, useToast } from '../../ui';

interface ProfileValues {
  name: string;
  phone: string;
  email: string;
}

/** Problems about the address that name no field. */
const FIELD_OF: Record<string, 'email'> = { 'email-taken': 'email' };

/**
 * The person's own data, corrected by themselves (GDPR art. 16): name and phone change at once; a new
 * e-mail address waits for the confirmation mailed to it, and the current one stays in use until then.
 */
export function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useUpdateMe();
  const [problem, setProblem] = useState<unknown>();
  const form = useContractForm<ProfileValues, typeof identityApi.UpdateMe>(identityApi.UpdateMe, {
    defaultValues: { name: me.name, phone: me.phone ?? '', email: me.email },
    emptyAs: 'null',
  });
  const { register, formState: { errors } } = form;

  const submit = form.handleSubmit(async ({ name, phone, email }) => {
    setProblem(undefined);
    // The current address sent again would withdraw a pending change: only a new one is sent.
    const changesEmail = email !== undefined && email !== me.email;
    await update.mutateAsync({ name, phone, ...(changesEmail ? { email } : {}) }).then(
      (changed) => {
        form.reset({ name: changed.name, phone: changed.phone ?? '', email: changed.email });
        toast(changesEmail ? t('myAccount.profile.confirmationSent') : t('myAccount.profile.saved'));
      },
      (error: unknown) => setProblem(applyProblem(error, form, FIELD_OF)),
    );
  });

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4">
      {problem !== undefined && <ProblemMessage problem={problem} />}
      <FormField label={t('fields.person.name')} error={errors.name} required>
        <TextInput autoComplete="name" {...register('name')} />
      </FormField>
      <FormField label={t('myAccount.profile.phone')} hint={t('fields.phoneHint')} error={errors.phone}>
        <TextInput type="tel" autoComplete="tel" {...register('phone')} />
      </FormField>
      <FormField label={t('fields.person.email')} hint={t('myAccount.profile.emailHint')} error={errors.email} required>
        <TextInput type="email" autoComplete="email" inputMode="email" {...register('email')} />
      </FormField>
      <div>
        <Button type="submit" busy={update.isPending}>{t('myAccount.profile.save')}</Button>
      </div>
    </form>
  );
}
