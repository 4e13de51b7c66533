import { identityApi } from '@homi/contracts';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInviteMember } from '../../api/members';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import { currentLanguage } from '../../i18n/i18n';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Alert, Button, ButtonLink, FieldRow, FormField, Link, PageHeader, ProblemMessage, Select, TextInput, useToast } from '../../ui';
import type { MatrixValues } from './permission-matrix';
import { RoleAndPermissions } from './role-and-permissions';
import { grantableDefaults } from './rules';

interface InviteValues extends MatrixValues {
  email: string;
  name: string;
  locale: string;
}

/** /t/$tenantId/colleagues/invite: an e-mail address, a role and a module × level matrix (users:edit). */
export function InvitePage() {
  const { t } = useTranslation();
  const membership = useTenant();
  const { tenantId } = membership;
  const canEdit = useCan('users', 'edit');
  const invite = useInviteMember(tenantId);
  const navigate = useNavigate();
  const toast = useToast();
  const [problem, setProblem] = useState<unknown>();
  const form = useContractForm<InviteValues, typeof identityApi.AddMember>(identityApi.AddMember, {
    defaultValues: { email: '', name: '', role: 'staff', permissions: grantableDefaults(membership, 'staff'), locale: currentLanguage() },
  });
  const { register, formState: { errors, isSubmitting } } = form;
  const submit = form.handleSubmit(async (body) => {
    setProblem(undefined);
    try {
      await invite.mutateAsync(body);
      toast(t('admin.colleagues.sent', { email: body.email }));
      await navigate({ to: '/t/$tenantId/colleagues', params: { tenantId } });
    } catch (error) {
      setProblem(applyProblem(error, form));
    }
  });
  const back = <Link to="/t/$tenantId/colleagues" params={{ tenantId }}>← {t('admin.colleagues.backToList')}</Link>;

  if (!canEdit) {
    return (
      <>
        <PageHeader title={t('admin.colleagues.inviteTitle')} back={back} />
        <Alert title={t('admin.colleagues.viewOnly')} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('admin.colleagues.inviteTitle')} description={t('admin.colleagues.inviteLead')} back={back} />
      <form noValidate onSubmit={submit} className="flex max-w-3xl flex-col gap-6">
        {problem !== undefined && <ProblemMessage problem={problem} />}
        <FieldRow className="sm:grid-cols-2">
          <FormField inRow label={t('admin.colleagues.email')} error={errors.email} required>
            <TextInput type="email" inputMode="email" autoComplete="off" {...register('email')} />
          </FormField>
          <FormField inRow label={t('admin.colleagues.name')} hint={t('admin.colleagues.nameHint')} error={errors.name}>
            <TextInput autoComplete="off" {...register('name')} />
          </FormField>
        </FieldRow>
        <RoleAndPermissions form={form} actor={membership} />
        <FormField label={t('admin.colleagues.locale')} error={errors.locale} className="max-w-xs">
          <Select {...register('locale')}>
            <option value="nl">{t('language.nl')}</option>
            <option value="en">{t('language.en')}</option>
          </Select>
        </FormField>
        <div className="flex flex-col-reverse gap-2 sm:flex-row">
          <Button type="submit" busy={isSubmitting}>{t('admin.colleagues.send')}</Button>
          <ButtonLink variant="secondary" to="/t/$tenantId/colleagues" params={{ tenantId }}>{t('common.cancel')}</ButtonLink>
        </div>
      </form>
    </>
  );
}
