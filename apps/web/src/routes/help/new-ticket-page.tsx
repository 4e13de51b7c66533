import { helpdeskApi, TICKET_CATEGORIES, type TicketCategory } from '@homi/contracts';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpenTicket } from '../../api/tickets';
import { useTenant } from '../../permissions/tenant-context';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import { Button, FormField, Link, PageHeader, ProblemMessage, Select, TextArea, TextInput, useToast } from '../../ui';
import { useTicketLabels } from './labels';

interface TicketValues {
  subject: string;
  category: TicketCategory;
  message: string;
}

/** /t/$tenantId/help/new: a question to HOMi support, validated by the contracts' OpenTicket. */
export function NewTicketPage() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const labels = useTicketLabels();
  const open = useOpenTicket(tenantId);
  const navigate = useNavigate();
  const toast = useToast();
  const [problem, setProblem] = useState<unknown>();
  const form = useContractForm<TicketValues, typeof helpdeskApi.OpenTicket>(helpdeskApi.OpenTicket, {
    defaultValues: { subject: '', category: 'question', message: '' },
  });
  const submit = form.handleSubmit(async (body) => {
    setProblem(undefined);
    try {
      const ticket = await open.mutateAsync(body);
      toast(t('help.open.sent'));
      await navigate({ to: '/t/$tenantId/help/$ticketId', params: { tenantId, ticketId: ticket.id } });
    } catch (error) {
      setProblem(applyProblem(error, form));
    }
  });
  const { errors } = form.formState;
  return (
    <>
      <PageHeader
        title={t('help.open.title')} description={t('help.open.lead')}
        back={<Link to="/t/$tenantId/help" params={{ tenantId }}>← {t('help.open.back')}</Link>}
      />
      <form noValidate onSubmit={submit} className="flex max-w-2xl flex-col gap-5 rounded-xl border border-stone-200 bg-white p-5">
        {problem !== undefined && <ProblemMessage problem={problem} />}
        <FormField label={t('help.open.subject')} error={errors.subject} required>
          <TextInput {...form.register('subject')} maxLength={200} autoComplete="off" />
        </FormField>
        <FormField label={t('help.open.category')} error={errors.category} required>
          <Select {...form.register('category')}>
            {TICKET_CATEGORIES.map((category) => <option key={category} value={category}>{labels.category(category)}</option>)}
          </Select>
        </FormField>
        <FormField label={t('help.open.message')} error={errors.message} required>
          <TextArea {...form.register('message')} rows={6} maxLength={10_000} />
        </FormField>
        <div className="flex justify-end">
          <Button type="submit" busy={form.formState.isSubmitting}>{t('help.open.submit')}</Button>
        </div>
      </form>
    </>
  );
}
