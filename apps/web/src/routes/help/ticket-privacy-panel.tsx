import { helpdeskApi, type RequestType } from '@homi/contracts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { usePrivacyRequest } from '../../api/privacy-requests';
import { useTicketPrivacyRequest, type Ticket } from '../../api/tickets';
import { encodeFieldMessage } from '../../forms/field-message';
import { formatDate } from '../../format';
import { Button, ChoiceGroup, Detail, DetailList, FieldRow, FormField, Link, ProblemMessage, Skeleton, TextInput, useToast } from '../../ui';
import { DaysLeft } from '../privacy-requests/deadline';
import { RequestStatus } from '../privacy-requests/request-status';

const TYPES: readonly RequestType[] = ['access', 'erasure', 'rectification'];

/** The privacy request the ticket became: its status and due date, kept fresh while it runs. */
function LinkedRequest({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const request = usePrivacyRequest(requestId);
  if (request.isPending) return <Skeleton lines={2} />;
  if (request.isError) return <ProblemMessage problem={request.error} onRetry={() => void request.refetch()} />;
  return (
    <>
      <DetailList>
        <Detail label={t('help.privacy.status')}><RequestStatus request={request.data} /></Detail>
        <Detail label={t('help.privacy.due')}>
          <span className="flex flex-wrap items-center gap-2">{formatDate(request.data.dueAt)} <DaysLeft request={request.data} /></span>
        </Detail>
      </DetailList>
      <p><Link to="/privacy-requests/$requestId" params={{ requestId }}>{t('help.privacy.view')}</Link></p>
    </>
  );
}

/** Access, erasure or rectification (with the one detail to correct) about the member, from their ticket. */
function MakeRequest({ tenantId, ticketId }: { tenantId: string; ticketId: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const make = useTicketPrivacyRequest(tenantId, ticketId);
  const [problem, setProblem] = useState<unknown>();
  const form = useForm<{ type: RequestType; field: string; value: string }>({ defaultValues: { type: 'access', field: '', value: '' } });
  const type = form.watch('type');
  const submit = form.handleSubmit(async ({ type, field, value }) => {
    setProblem(undefined);
    // The contract's own rule decides what is sendable; the privacy service judges the rest.
    const body = helpdeskApi.TicketPrivacyRequest.safeParse(type === 'rectification' ? { type, corrections: { [field.trim()]: value } } : { type });
    if (!body.success) {
      form.setError('field', { type: 'invalid', message: encodeFieldMessage({ key: 'validation.format' }) });
      return;
    }
    try {
      await make.mutateAsync(body.data);
      toast(t('help.privacy.made'));
    } catch (error) {
      setProblem(error);
    }
  });
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4">
      {problem !== undefined && <ProblemMessage problem={problem} />}
      <ChoiceGroup
        layout="stacked" label={t('help.privacy.type')}
        choices={TYPES.map((value) => ({ value, label: t(`help.privacy.types.${value}`) }))}
        {...form.register('type')}
      />
      {type === 'rectification' && (
        <FieldRow className="sm:grid-cols-2">
          <FormField inRow label={t('help.privacy.field')} hint={t('help.privacy.fieldHint')} error={form.formState.errors.field} required>
            <TextInput {...form.register('field')} autoComplete="off" spellCheck={false} />
          </FormField>
          <FormField inRow label={t('help.privacy.value')} required>
            <TextInput {...form.register('value')} autoComplete="off" />
          </FormField>
        </FieldRow>
      )}
      <div className="flex justify-end">
        <Button type="submit" busy={make.isPending}>{t('help.privacy.submit')}</Button>
      </div>
    </form>
  );
}

/**
 * On a `my-data` ticket: the privacy request it was turned into, or — for the member who opened it,
 * while it is open — turning it into one in one step (ADR 44).
 */
export function TicketPrivacyPanel({ tenantId, ticket, isOpener }: { tenantId: string; ticket: Ticket; isOpener: boolean }) {
  const { t } = useTranslation();
  if (ticket.category !== 'my-data') return null;
  // The request is its requester's: a colleague who sees the ticket learns that it exists, not how it goes.
  const body = ticket.privacyRequestId
    ? isOpener ? <LinkedRequest requestId={ticket.privacyRequestId} /> : <p className="text-sm text-stone-700">{t('help.privacy.colleagueLinked')}</p>
    : !isOpener ? <p className="text-sm text-stone-700">{t('help.privacy.openerOnly')}</p>
    : ticket.status === 'closed' ? null
    : <MakeRequest tenantId={tenantId} ticketId={ticket.id} />;
  if (!body) return null;
  return (
    <section aria-labelledby="ticket-privacy" className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="ticket-privacy" className="text-lg font-semibold text-stone-900">{ticket.privacyRequestId ? t('help.privacy.linked') : t('help.privacy.title')}</h2>
      {!ticket.privacyRequestId && isOpener && <p className="text-sm text-stone-700">{t('help.privacy.lead')}</p>}
      {body}
    </section>
  );
}
