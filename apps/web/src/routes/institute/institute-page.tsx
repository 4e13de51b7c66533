import { tenantDataApi } from '@homi/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInstitute, useUpdateInstitute, type InstituteProfile } from '../../api/institute';
import { AddressFields } from '../../forms/address-fields';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Button, Detail, DetailList, FormField, PageHeader, ProblemMessage, Skeleton, TextInput, useToast } from '../../ui';

interface InstituteFormValues {
  name: string;
  kvkNumber: string;
  phone: string;
  email: string;
  address: { street: string; houseNumber: string; postcode: string; city: string };
}

const formValues = (institute: InstituteProfile): InstituteFormValues => ({
  name: institute.name,
  kvkNumber: institute.kvkNumber ?? '',
  phone: institute.phone ?? '',
  email: institute.email ?? '',
  address: {
    street: institute.address?.street ?? '',
    houseNumber: institute.address?.houseNumber ?? '',
    postcode: institute.address?.postcode ?? '',
    city: institute.address?.city ?? '',
  },
});

/**
 * /t/$tenantId/institute: the institute's own details — its name (what colleagues see in HOMi and
 * clients in their appointment mails), KvK number, contact and address. Changed with settings:edit,
 * validated by the contracts' UpdateInstitute; an emptied field is cleared. Read-only otherwise.
 */
export function InstitutePage() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canEdit = useCan('settings', 'edit');
  const institute = useInstitute(tenantId);
  return (
    <>
      <PageHeader title={t('admin.institute.title')} description={t('admin.institute.lead')} />
      {institute.isPending && <Skeleton lines={8} />}
      {institute.isError && <ProblemMessage problem={institute.error} onRetry={() => void institute.refetch()} />}
      {institute.data && (canEdit ? <InstituteForm institute={institute.data} /> : <InstituteDetails institute={institute.data} />)}
    </>
  );
}

function InstituteForm({ institute }: { institute: InstituteProfile }) {
  const { t } = useTranslation();
  const update = useUpdateInstitute(institute.tenantId);
  const toast = useToast();
  const [problem, setProblem] = useState<unknown>();
  const form = useContractForm<InstituteFormValues, typeof tenantDataApi.UpdateInstitute>(tenantDataApi.UpdateInstitute, { defaultValues: formValues(institute), emptyAs: 'null' });
  const { register, formState: { errors, isSubmitting } } = form;
  const submit = form.handleSubmit(async (body) => {
    setProblem(undefined);
    try {
      const saved = await update.mutateAsync(body);
      form.reset(formValues(saved));
      toast(t('admin.institute.saved'));
    } catch (error) {
      setProblem(applyProblem(error, form));
    }
  });
  return (
    <form noValidate onSubmit={submit} className="flex max-w-2xl flex-col gap-6">
      {problem !== undefined && <ProblemMessage problem={problem} />}
      <FormField label={t('fields.institute.name')} error={errors.name} required>
        <TextInput autoComplete="organization" {...register('name')} />
      </FormField>
      <FormField label={t('fields.institute.kvkNumber')} hint={t('fields.institute.kvkNumberHint')} error={errors.kvkNumber} className="max-w-xs">
        <TextInput inputMode="numeric" {...register('kvkNumber')} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={t('fields.institute.phone')} hint={t('fields.phoneHint')} error={errors.phone}>
          <TextInput type="tel" autoComplete="tel" {...register('phone')} />
        </FormField>
        <FormField label={t('fields.institute.email')} hint={t('fields.institute.emailHint')} error={errors.email}>
          <TextInput type="email" inputMode="email" autoComplete="email" {...register('email')} />
        </FormField>
      </div>
      <AddressFields prefix="address" register={register} errors={errors.address} legend={t('fields.institute.address')} />
      <div>
        <Button type="submit" busy={isSubmitting}>{t('admin.institute.save')}</Button>
      </div>
    </form>
  );
}

function InstituteDetails({ institute }: { institute: InstituteProfile }) {
  const { t } = useTranslation();
  const none = <span className="text-stone-600">{t('admin.institute.none')}</span>;
  const address = institute.address;
  return (
    <div className="flex max-w-2xl flex-col gap-4">
      <DetailList>
        <Detail label={t('fields.institute.name')}>{institute.name}</Detail>
        <Detail label={t('fields.institute.kvkNumber')}>{institute.kvkNumber ?? none}</Detail>
        <Detail label={t('fields.institute.phone')}>{institute.phone ?? none}</Detail>
        <Detail label={t('fields.institute.email')}>{institute.email ?? none}</Detail>
        <Detail label={t('fields.institute.address')}>
          {address ? `${address.street} ${address.houseNumber}, ${address.postcode} ${address.city}` : none}
        </Detail>
      </DetailList>
      <p className="text-sm text-stone-700">{t('admin.institute.readOnly')}</p>
    </div>
  );
}
