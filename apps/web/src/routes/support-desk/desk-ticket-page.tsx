import { TICKET_STATUSES, type TicketStatus as Status } from '@homi/contracts';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSupportReply, useSupportTicket, useUpdateSupportTicket } from '../../api/tickets';
import { formatDateTime } from '../../format';
import { Button, ButtonLink, Detail, DetailList, FormField, Link, PageHeader, ProblemMessage, Select, UnloadedPage, useToast } from '../../ui';
import { Conversation, ReplyForm } from '../help/conversation';
import { useTicketLabels } from '../help/labels';
import { TicketStatus } from '../help/ticket-status';
import { AssigneeName } from './desk-page';
import { useOwnId } from './use-own-id';

/** /support/tickets/$ticketId. */
export function DeskTicketPage() {
  const { ticketId } = useParams({ from: '/signed-in/shell/support/tickets/$ticketId' });
  return <DeskTicketView ticketId={ticketId} />;
}

/** A ticket at support's desk: the conversation, answering, taking or letting go, and the status. */
export function DeskTicketView({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  const toast = useToast();
  const ownId = useOwnId();
  const ticket = useSupportTicket(ticketId);
  const reply = useSupportReply(ticketId);
  const update = useUpdateSupportTicket(ticketId);
  const back = <Link to="/support/tickets">← {t('help.desk.back')}</Link>;
  if (!ticket.isSuccess) return <UnloadedPage query={ticket} back={back} loading={t('help.ticket.loading')} unavailable={t('help.ticket.unavailable')} />;
  const { data } = ticket;
  const mine = data.assigneeId !== null && data.assigneeId === ownId;
  const assign = () =>
    update.mutate({ assigneeId: mine ? null : (ownId ?? null) }, { onSuccess: () => toast(mine ? t('help.desk.released') : t('help.desk.taken')) });
  const setStatus = (status: Status) => update.mutate({ status }, { onSuccess: () => toast(t('help.desk.statusSet')) });
  return (
    <>
      <PageHeader
        title={data.subject ?? t('help.list.erasedSubject')} back={back}
        description={<span className="flex flex-wrap items-center gap-2"><TicketStatus status={data.status} side="support" /><span>{labels.category(data.category)}</span></span>}
        actions={
          <div className="flex flex-wrap gap-2">
            {/* Access must cite an open ticket of the institute (ADR 43): the ask page comes filled in with both. */}
            {data.status !== 'closed' && (
              <ButtonLink variant="secondary" to="/support/new" search={{ tenantId: data.institute.tenantId, ticketId: data.id }}>{t('help.desk.askAccess')}</ButtonLink>
            )}
            <Button variant={mine ? 'secondary' : 'primary'} onClick={assign} busy={update.isPending && update.variables.assigneeId !== undefined}>{mine ? t('help.desk.release') : t('help.desk.take')}</Button>
          </div>
        }
      />
      <div className="flex flex-col gap-6">
        <section className="flex flex-col gap-4 rounded-xl border border-stone-200 bg-white p-5">
          {update.isError && <ProblemMessage problem={update.error} />}
          <DetailList>
            <Detail label={t('help.desk.institute')}>{data.institute.name ?? t('help.desk.unknownInstitute')}</Detail>
            <Detail label={t('help.desk.assignee')}><AssigneeName ticket={data} /></Detail>
            <Detail label={t('help.desk.openedAt')}>{formatDateTime(data.createdAt)}</Detail>
          </DetailList>
          <FormField label={t('help.desk.setStatus')}>
            <Select value={data.status} onChange={(event) => setStatus(event.target.value as Status)} disabled={update.isPending} className="sm:w-64">
              {TICKET_STATUSES.map((status) => <option key={status} value={status}>{labels.status(status, 'support')}</option>)}
            </Select>
          </FormField>
        </section>
        <Conversation messages={data.messages} viewer="support" names={{ institute: data.institute.name ?? t('help.desk.institute_side'), support: t('help.desk.you') }} />
        {data.status !== 'closed' && (
          <ReplyForm label={t('help.desk.answer')} submitLabel={t('help.ticket.send')} send={(body) => reply.mutateAsync(body)} onSent={() => toast(t('help.desk.answered'))} />
        )}
      </div>
    </>
  );
}
