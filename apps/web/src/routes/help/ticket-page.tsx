import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/me';
import { useTenant } from '../../permissions/tenant-context';
import { useCloseTicket, useReplyToTicket, useTicket } from '../../api/tickets';
import { formatDateTime } from '../../format';
import { Alert, Button, ConfirmDialog, Link, PageHeader, UnloadedPage, useToast } from '../../ui';
import { Conversation, ReplyForm } from './conversation';
import { useTicketLabels } from './labels';
import { TicketPrivacyPanel } from './ticket-privacy-panel';
import { TicketStatus } from './ticket-status';

/** /t/$tenantId/help/$ticketId. */
export function TicketPage() {
  const { tenantId } = useTenant();
  const { ticketId } = useParams({ from: '/signed-in/shell/t/$tenantId/help/$ticketId' });
  return <TicketView tenantId={tenantId} ticketId={ticketId} />;
}

/** A ticket's conversation with HOMi support, replying and closing; a my-data ticket's privacy request. */
export function TicketView({ tenantId, ticketId }: { tenantId: string; ticketId: string }) {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  const toast = useToast();
  const ticket = useTicket(tenantId, ticketId);
  const me = useMe();
  const reply = useReplyToTicket(tenantId, ticketId);
  const close = useCloseTicket(tenantId, ticketId);
  const [confirming, setConfirming] = useState(false);
  const back = <Link to="/t/$tenantId/help" params={{ tenantId }}>← {t('help.ticket.back')}</Link>;
  if (!ticket.isSuccess) return <UnloadedPage query={ticket} back={back} loading={t('help.ticket.loading')} unavailable={t('help.ticket.unavailable')} />;
  const { data } = ticket;
  const closed = data.status === 'closed';
  const closeAction = !closed && <Button variant="secondary" onClick={() => setConfirming(true)}>{t('help.ticket.close')}</Button>;
  return (
    <>
      <PageHeader
        title={data.subject ?? t('help.list.erasedSubject')} back={back} actions={closeAction}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <TicketStatus status={data.status} />
            <span>{labels.category(data.category)}</span>
            <span aria-hidden="true" className="hidden sm:inline">·</span>
            <span>{t('help.ticket.opened', { date: formatDateTime(data.createdAt) })}</span>
          </span>
        }
      />
      <div className="flex flex-col gap-6">
        <TicketPrivacyPanel tenantId={tenantId} ticket={data} isOpener={me.data?.id === data.openedBy} />
        <Conversation messages={data.messages} viewer="institute" names={{ institute: t('help.ticket.you'), support: t('help.ticket.support') }} />
        {closed
          ? <Alert tone="info" title={t('help.ticket.closedNote')} />
          : <ReplyForm label={t('help.ticket.reply')} submitLabel={t('help.ticket.send')} send={(body) => reply.mutateAsync(body)} onSent={() => toast(t('help.ticket.replied'))} />}
      </div>
      <ConfirmDialog
        open={confirming} onOpenChange={setConfirming} action={close}
        title={t('help.ticket.closeTitle')} description={t('help.ticket.closeText')} confirmLabel={t('help.ticket.close')}
        onConfirm={() => close.mutate(undefined, { onSuccess: () => { setConfirming(false); toast(t('help.ticket.closed')); } })}
      />
    </>
  );
}
